import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";

export type PostQueue = { id: string; slug: string; title: string; publishedAt: Date; commentsOpen: boolean; pending: number; oldestPendingAt: Date | null };

const POSTS_LISTED = 200;

/** Every post with how many of its comments wait for review; the busiest queues first. */
export async function listPostQueues(viewer: Viewer | null): Promise<PostQueue[]> {
  if (!hasRole(viewer, "MODERATOR")) return [];
  const [posts, waiting] = await Promise.all([
    db.post.findMany({ orderBy: { publishedAt: "desc" }, take: POSTS_LISTED, select: { id: true, slug: true, title: true, publishedAt: true, commentsOpen: true } }),
    db.comment.groupBy({ by: ["postId"], where: { status: "PENDING" }, _count: { _all: true }, _min: { createdAt: true } }),
  ]);
  const byPost = new Map(waiting.map((row) => [row.postId, row]));
  return posts
    .map((post) => ({ ...post, pending: byPost.get(post.id)?._count._all ?? 0, oldestPendingAt: byPost.get(post.id)?._min.createdAt ?? null }))
    .sort((a, b) => b.pending - a.pending || b.publishedAt.getTime() - a.publishedAt.getTime());
}

/** How many of one post's comments wait for review (for a moderator reading the post). */
export async function pendingOnPost(viewer: Viewer | null, postId: string): Promise<number> {
  if (!hasRole(viewer, "MODERATOR")) return 0;
  return db.comment.count({ where: { postId, status: "PENDING" } });
}
