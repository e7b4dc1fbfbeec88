import "server-only";
import { cache } from "react";
import { db } from "@/app/_lib/db";
import { plainExcerpt } from "@/app/_lib/content/excerpt";
import { postHtml, renderedSelect } from "@/app/_lib/content/markdown";
import { isSlug } from "@/app/_lib/schemas/ids";

export type PostSummary = {
  slug: string;
  title: string;
  authorName: string;
  publishedAt: Date;
  approvedCount: number;
};

export type PostView = PostSummary & { id: string; bodyHtml: string; description: string; commentsOpen: boolean };

/** Posts newest first, each with its number of approved responses. */
export async function listPosts({ take = 50 }: { take?: number } = {}): Promise<PostSummary[]> {
  const posts = await db.post.findMany({
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      slug: true,
      title: true,
      authorName: true,
      publishedAt: true,
      _count: { select: { comments: { where: { status: "APPROVED", deletedAt: null } } } },
    },
  });
  return posts.map(({ _count, ...post }) => ({ ...post, approvedCount: _count.comments }));
}

/** A post by its address. */
export async function loadPost(slug: string): Promise<PostView | null> {
  if (!isSlug(slug)) return null;
  const post = await db.post.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      authorName: true,
      publishedAt: true,
      ...renderedSelect,
      commentsOpen: true,
      _count: { select: { comments: { where: { status: "APPROVED", deletedAt: null } } } },
    },
  });
  if (!post) return null;
  const bodyHtml = postHtml(post);
  return { id: post.id, slug: post.slug, title: post.title, authorName: post.authorName, publishedAt: post.publishedAt, commentsOpen: post.commentsOpen, approvedCount: post._count.comments, bodyHtml, description: plainExcerpt(bodyHtml, 160) };
}

export const getPostBySlug = cache(loadPost);

/** Titles for filter menus, newest first. */
export function listPostChoices(take = 200): Promise<{ slug: string; title: string }[]> {
  return db.post.findMany({ orderBy: { publishedAt: "desc" }, take, select: { slug: true, title: true } });
}
