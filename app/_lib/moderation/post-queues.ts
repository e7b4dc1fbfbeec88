import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";

export type PostQueue = { id: string; slug: string; title: string; publishedAt: Date; commentsOpen: boolean; pending: number; oldestPendingAt: Date | null };

const POSTS_LISTED = 200;
const postSelect = { id: true, slug: true, title: true, publishedAt: true, commentsOpen: true } as const;

/** Every post with how many of its comments wait for review; the busiest queues first. */
export async function listPostQueues(viewer: Viewer | null): Promise<PostQueue[]> {
  if (!hasRole(viewer, "MODERATOR")) return [];
  const waiting = await db.comment.groupBy({ by: ["postId"], where: { status: "PENDING" }, _count: { _all: true }, _min: { createdAt: true } });
  const busiest = [...waiting].sort((a, b) => b._count._all - a._count._all).slice(0, POSTS_LISTED);
  // Every post with comments waiting (the busiest, however old), then the newest of the rest.
  const [withPending, newest] = await Promise.all([
    db.post.findMany({ where: { id: { in: busiest.map((row) => row.postId) } }, select: postSelect }),
    db.post.findMany({ orderBy: { publishedAt: "desc" }, take: POSTS_LISTED, select: postSelect }),
  ]);
  const byPost = new Map(waiting.map((row) => [row.postId, row]));
  const posts = new Map([...withPending, ...newest].map((post) => [post.id, post]));
  return [...posts.values()]
    .map((post) => ({ ...post, pending: byPost.get(post.id)?._count._all ?? 0, oldestPendingAt: byPost.get(post.id)?._min.createdAt ?? null }))
    .sort((a, b) => b.pending - a.pending || b.publishedAt.getTime() - a.publishedAt.getTime())
    .slice(0, POSTS_LISTED);
}

/** How many of one post's comments wait for review (for a moderator reading the post). */
export async function pendingOnPost(viewer: Viewer | null, postId: string): Promise<number> {
  if (!hasRole(viewer, "MODERATOR")) return 0;
  return db.comment.count({ where: { postId, status: "PENDING" } });
}
