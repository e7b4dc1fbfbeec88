import { slugify } from "@/app/_lib/content/slug";
import { noneSkipped, type ImportBundle, type ImportedComment, type ImportedPost } from "./bundle";
import { commentHtmlToMarkdown } from "./html-to-markdown";
import { ImportFormatError, parseXml, text } from "./xml";

type Node = Record<string, unknown>;

const statusOf: Record<string, ImportedComment["status"] | undefined> = { "1": "APPROVED", "0": "PENDING", spam: "SPAM", trash: "TRASH", "post-trashed": "TRASH" };

/** WordPress writes "2019-03-04 10:20:30" in UTC in *_gmt fields, "0000-00-00 00:00:00" for drafts. */
function wordpressDate(gmt: unknown, local: unknown): Date {
  for (const candidate of [text(gmt), text(local)]) {
    if (!candidate || candidate.startsWith("0000")) continue;
    const date = new Date(`${candidate.replace(" ", "T")}Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return new Date(0);
}

/** `dc:creator` holds an author's login; the export's author list gives the name readers saw. */
function displayNames(channel: Node): Map<string, string> {
  const authors = channel["wp:author"];
  const list = (Array.isArray(authors) ? authors : authors ? [authors] : []) as Node[];
  return new Map(list.map((author) => [text(author["wp:author_login"]), text(author["wp:author_display_name"]).trim()] as const).filter(([login, name]) => login && name));
}

/** Published posts and their comments from a WordPress WXR export, and what it held besides. */
export function parseWordpressExport(xml: string): ImportBundle {
  const root = parseXml(xml, ["rss.channel.item", "rss.channel.item.wp:comment", "rss.channel.wp:author"]);
  const channel = (root.rss as Node | undefined)?.channel as Node | undefined;
  if (!channel) throw new ImportFormatError("This is not a WordPress export: it has no <rss><channel>.");
  const site = text(channel["wp:base_site_url"]) || text(channel.link) || "wordpress";
  const siteKey = site.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  const authorNames = displayNames(channel);
  const skipped = noneSkipped();
  const posts: ImportedPost[] = [];
  for (const item of (channel.item as Node[] | undefined) ?? []) {
    const type = text(item["wp:post_type"]);
    const itemComments = (item["wp:comment"] as Node[] | undefined) ?? [];
    if (type !== "post" || text(item["wp:status"]) !== "publish") {
      if (type === "post") skipped.draftPosts += 1;
      else if (type === "page") skipped.pages += 1;
      else skipped.otherItems += 1;
      skipped.commentsOnUnpublished += itemComments.length;
      continue;
    }
    const title = text(item.title).trim() || "Untitled";
    const slug = slugify(text(item["wp:post_name"]) || title) || `post-${text(item["wp:post_id"])}`;
    const comments: ImportedComment[] = [];
    for (const comment of itemComments) {
      const commentType = text(comment["wp:comment_type"]);
      if (commentType === "pingback" || commentType === "trackback") {
        skipped[commentType === "pingback" ? "pingbacks" : "trackbacks"] += 1;
        continue;
      }
      // A state this importer does not know is held for a moderator: nothing lost, nothing published.
      const status = statusOf[text(comment["wp:comment_approved"])] ?? "PENDING";
      const body = commentHtmlToMarkdown(text(comment["wp:comment_content"]));
      if (!body) {
        skipped.emptyComments += 1;
        continue;
      }
      const parent = text(comment["wp:comment_parent"]);
      comments.push({
        key: `wordpress:${siteKey}:${text(comment["wp:comment_id"])}`,
        parentKey: parent && parent !== "0" ? `wordpress:${siteKey}:${parent}` : null,
        authorName: text(comment["wp:comment_author"]).trim() || "Anonymous",
        authorEmail: text(comment["wp:comment_author_email"]).trim() || null,
        body,
        status,
        createdAt: wordpressDate(comment["wp:comment_date_gmt"], comment["wp:comment_date"]),
      });
    }
    const login = text(item["dc:creator"]).trim();
    posts.push({
      slug,
      title,
      authorName: authorNames.get(login) || login || "Unknown author",
      publishedAt: wordpressDate(item["wp:post_date_gmt"], item["wp:post_date"]),
      body: text(item["content:encoded"]),
      commentsOpen: text(item["wp:comment_status"]) !== "closed",
      comments,
    });
  }
  return { source: "wordpress", posts, skipped };
}
