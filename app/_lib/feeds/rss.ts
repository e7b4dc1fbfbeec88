import "server-only";
import { Feed } from "feed";
import { db } from "@/app/_lib/db";
import { commentHtml, postHtml, renderedSelect } from "@/app/_lib/content/markdown";
import { plainExcerpt } from "@/app/_lib/content/excerpt";
import { siteUrl } from "@/app/_lib/site-url";
import { isSlug } from "@/app/_lib/schemas/ids";
import { htmlForCdata, textForCdata, xmlCharactersOnly } from "./cdata";

export const FEED_POSTS = 20;
export const FEED_COMMENTS = 50;

/** RSS 2.0 of the newest posts, with their full text. */
export async function postsFeed(): Promise<string> {
  const base = siteUrl();
  const posts = await db.post.findMany({
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: FEED_POSTS,
    select: { slug: true, title: true, ...renderedSelect, publishedAt: true, updatedAt: true },
  });
  const feed = new Feed({
    title: "Vetted",
    description: "A journal blog with moderated reader comments.",
    id: `${base}/`,
    link: `${base}/`,
    language: "en",
    feedLinks: { rss: `${base}/feed.xml` },
    updated: posts[0]?.updatedAt ?? new Date(0),
    generator: false,
    copyright: "The authors of each post and comment",
  });
  for (const post of posts) {
    const html = postHtml(post);
    const link = `${base}/posts/${post.slug}`;
    feed.addItem({ title: textForCdata(post.title), id: link, link, date: post.publishedAt, description: textForCdata(plainExcerpt(html, 300)), content: htmlForCdata(html) });
  }
  return feed.rss2();
}

/** RSS 2.0 of a post's newest approved comments; null when there is no such post. */
export async function commentsFeed(slug: string): Promise<string | null> {
  if (!isSlug(slug)) return null;
  const base = siteUrl();
  const post = await db.post.findUnique({ where: { slug }, select: { id: true, title: true } });
  if (!post) return null;
  const comments = await db.comment.findMany({
    where: { postId: post.id, status: "APPROVED", deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: FEED_COMMENTS,
    select: { id: true, ...renderedSelect, createdAt: true, guestName: true, author: { select: { name: true } } },
  });
  const link = `${base}/posts/${slug}`;
  const feed = new Feed({
    title: xmlCharactersOnly(`Comments on “${post.title}”`),
    description: xmlCharactersOnly(`Approved reader comments on “${post.title}”.`),
    id: `${link}/comments/feed.xml`,
    link,
    language: "en",
    feedLinks: { rss: `${link}/comments/feed.xml` },
    updated: comments[0]?.createdAt ?? new Date(0),
    generator: false,
    copyright: "The authors of each comment",
  });
  for (const comment of comments) {
    const name = comment.author?.name ?? comment.guestName ?? "Deleted user";
    const commentLink = `${link}#comment-${comment.id}`;
    feed.addItem({ title: textForCdata(`By ${name}`), id: commentLink, link: commentLink, date: comment.createdAt, description: htmlForCdata(commentHtml(comment)) });
  }
  return feed.rss2();
}

export function rssResponse(xml: string): Response {
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
