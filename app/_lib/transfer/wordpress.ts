import { slugify } from "@/app/_lib/content/slug";
import type { ImportBundle, ImportedComment, ImportedPost } from "./bundle";
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

/** Published posts and their comments from a WordPress WXR export. */
export function parseWordpressExport(xml: string): ImportBundle {
  const root = parseXml(xml, ["rss.channel.item", "rss.channel.item.wp:comment"]);
  const channel = (root.rss as Node | undefined)?.channel as Node | undefined;
  if (!channel) throw new ImportFormatError("This is not a WordPress export: it has no <rss><channel>.");
  const site = text(channel["wp:base_site_url"]) || text(channel.link) || "wordpress";
  const siteKey = site.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  const posts: ImportedPost[] = [];
  for (const item of (channel.item as Node[] | undefined) ?? []) {
    if (text(item["wp:post_type"]) !== "post" || text(item["wp:status"]) !== "publish") continue;
    const title = text(item.title).trim() || "Untitled";
    const slug = slugify(text(item["wp:post_name"]) || title) || `post-${text(item["wp:post_id"])}`;
    const comments: ImportedComment[] = [];
    for (const comment of (item["wp:comment"] as Node[] | undefined) ?? []) {
      const type = text(comment["wp:comment_type"]);
      if (type === "pingback" || type === "trackback") continue;
      const status = statusOf[text(comment["wp:comment_approved"])];
      const body = commentHtmlToMarkdown(text(comment["wp:comment_content"]));
      if (!status || !body) continue;
      const parent = text(comment["wp:comment_parent"]);
      comments.push({
        key: `wordpress:${siteKey}:${text(comment["wp:comment_id"])}`,
        parentKey: parent && parent !== "0" ? `wordpress:${siteKey}:${parent}` : null,
        authorName: text(comment["wp:comment_author"]).trim() || "Anonymous",
        body,
        status,
        createdAt: wordpressDate(comment["wp:comment_date_gmt"], comment["wp:comment_date"]),
      });
    }
    posts.push({
      slug,
      title,
      authorName: text(item["dc:creator"]).trim() || "Unknown author",
      publishedAt: wordpressDate(item["wp:post_date_gmt"], item["wp:post_date"]),
      body: text(item["content:encoded"]),
      commentsOpen: text(item["wp:comment_status"]) !== "closed",
      comments,
    });
  }
  return { source: "wordpress", posts };
}
