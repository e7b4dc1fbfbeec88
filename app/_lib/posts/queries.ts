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

/**
 * A post's published responses. Counted apart from the post's own read: as a relation count
 * Prisma groups every approved comment of the site by post first on SQLite (3 ms of a page's
 * work with 110,000 comments), where this counts one post's from its index.
 */
const approvedOf = (postIds: string[]) => ({ postId: { in: postIds }, status: "APPROVED" as const, deletedAt: null });

/** Posts newest first, each with its number of approved responses. */
export async function listPosts({ take = 50 }: { take?: number } = {}): Promise<PostSummary[]> {
  const posts = await db.post.findMany({
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, slug: true, title: true, authorName: true, publishedAt: true },
  });
  const counts = posts.length ? await db.comment.groupBy({ by: ["postId"], where: approvedOf(posts.map((post) => post.id)), _count: { _all: true } }) : [];
  const approvedBy = new Map(counts.map((row) => [row.postId, row._count._all]));
  return posts.map(({ id, ...post }) => ({ ...post, approvedCount: approvedBy.get(id) ?? 0 }));
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
    },
  });
  if (!post) return null;
  const approvedCount = await db.comment.count({ where: approvedOf([post.id]) });
  const bodyHtml = postHtml(post);
  return { id: post.id, slug: post.slug, title: post.title, authorName: post.authorName, publishedAt: post.publishedAt, commentsOpen: post.commentsOpen, approvedCount, bodyHtml, description: plainExcerpt(bodyHtml, 160) };
}

export const getPostBySlug = cache(loadPost);

/** Titles for filter menus, newest first. */
export function listPostChoices(take = 200): Promise<{ slug: string; title: string }[]> {
  return db.post.findMany({ orderBy: { publishedAt: "desc" }, take, select: { slug: true, title: true } });
}
