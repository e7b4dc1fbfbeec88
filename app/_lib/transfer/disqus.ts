import { slugify } from "@/app/_lib/content/slug";
import { noneSkipped, type ImportBundle, type ImportedComment, type ImportedPost } from "./bundle";
import { commentHtmlToMarkdown } from "./html-to-markdown";
import { ImportFormatError, parseXml, text } from "./xml";

type Node = Record<string, unknown>;

const idOf = (node: unknown) => text((node as Node | undefined)?.["@dsq:id"]);
const isTrue = (value: unknown) => text(value) === "true";

function dateOf(value: unknown): Date {
  const date = new Date(text(value));
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** The post a Disqus thread belongs to: the last part of its page address names it. */
function slugFromLink(link: string, fallback: string): string {
  try {
    const segments = new URL(link).pathname.split("/").filter(Boolean);
    return slugify(segments.at(-1) ?? "") || fallback;
  } catch {
    return fallback;
  }
}

/** Threads (as posts, matched to existing posts by address) and their comments from a Disqus export. */
export function parseDisqusExport(xml: string): ImportBundle {
  const root = parseXml(xml, ["disqus.thread", "disqus.post"]);
  const disqus = root.disqus as Node | undefined;
  if (!disqus) throw new ImportFormatError("This is not a Disqus export: it has no <disqus> root element.");
  const posts = new Map<string, ImportedPost>();
  const skipped = noneSkipped();
  for (const thread of (disqus.thread as Node[] | undefined) ?? []) {
    const id = idOf(thread);
    const link = text(thread.link);
    const title = text(thread.title).trim() || link || "Untitled discussion";
    posts.set(id, {
      slug: slugFromLink(link, slugify(title) || `disqus-${id}`),
      title,
      authorName: text((thread.author as Node | undefined)?.name).trim() || "Unknown author",
      publishedAt: dateOf(thread.createdAt),
      body: link ? `This discussion was imported from Disqus. The original page: <${link}>` : "This discussion was imported from Disqus.",
      commentsOpen: !isTrue(thread.isClosed),
      comments: [],
    });
  }
  for (const post of (disqus.post as Node[] | undefined) ?? []) {
    const target = posts.get(idOf(post.thread));
    const body = commentHtmlToMarkdown(text(post.message));
    if (!target || !body) {
      skipped[target ? "emptyComments" : "orphanComments"] += 1;
      continue;
    }
    const status: ImportedComment["status"] = isTrue(post.isSpam) ? "SPAM" : isTrue(post.isDeleted) ? "TRASH" : text(post.isApproved) === "false" ? "PENDING" : "APPROVED";
    const parent = idOf(post.parent);
    const author = post.author as Node | undefined;
    target.comments.push({
      key: `disqus:${idOf(post)}`,
      parentKey: parent ? `disqus:${parent}` : null,
      authorName: text(author?.name).trim() || "Anonymous",
      authorEmail: text(author?.email).trim() || null,
      body,
      status,
      createdAt: dateOf(post.createdAt),
    });
  }
  return { source: "disqus", posts: [...posts.values()], skipped };
}
