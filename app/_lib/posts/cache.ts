import "server-only";
import { revalidatePath, unstable_cache, updateTag } from "next/cache";
import { listThread, type ThreadComment, type ThreadPage } from "@/app/_lib/comments/queries";
import { db } from "@/app/_lib/db";
import { resolveDatabase } from "@/app/_lib/db/url";
import { DATABASE_ID_SETTING } from "@/app/_lib/settings/schema";
import { loadPost, type PostView } from "./queries";

/**
 * What every anonymous reader of a post sees (the post and a page of its approved thread) is
 * cached per post and dropped, by tag, whenever something a reader would see changes: an
 * approval, a rejection of a published comment, an edit, a deletion, the post itself. Signed-in
 * readers read fresh, since their own pending comments are woven into the thread.
 */
export const postTag = (slug: string) => `post:${slug}`;

// Tags are dropped on the instance that made the change. Other instances (each with its own
// cache unless a shared cache handler is configured) catch up within this many seconds.
const STALE_AFTER_SECONDS = 30;

/** Call from an action after a change to a post or its published comments. */
export function postChanged(slug: string) {
  updateTag(postTag(slug));
  revalidatePath(`/posts/${slug}`);
}

// The cache stores JSON, so dates travel as strings and are revived on the way out.
type Stored<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends (infer U)[] ? Stored<U>[] : T[K] };

function reviveComment(comment: Stored<ThreadComment>): ThreadComment {
  return { ...comment, createdAt: new Date(comment.createdAt), replies: comment.replies.map(reviveComment) };
}

/**
 * The cache lives with the build (in .next), not with the database, and one build can serve
 * several databases (SQLite, PostgreSQL, a test's fresh one). Keys carry the database's own id,
 * written by the seed, so no database is ever served another's data.
 */
let databaseIdentity: Promise<string> | undefined;
function databaseId(): Promise<string> {
  databaseIdentity ??= db.setting
    .findUnique({ where: { key: DATABASE_ID_SETTING }, select: { value: true } })
    .then((row) => row?.value ?? resolveDatabase().url)
    .catch((error: unknown) => {
      databaseIdentity = undefined;
      throw error;
    });
  return databaseIdentity;
}

export async function getCachedPost(slug: string): Promise<PostView | null> {
  const id = await databaseId();
  const stored = (await unstable_cache(() => loadPost(slug), ["post", id, slug], { tags: [postTag(slug)], revalidate: STALE_AFTER_SECONDS })()) as Stored<PostView> | null;
  return stored && { ...stored, publishedAt: new Date(stored.publishedAt) };
}

export async function getCachedThread(postId: string, slug: string, page: number, maxDepth: number): Promise<ThreadPage> {
  const id = await databaseId();
  const stored = (await unstable_cache(() => listThread(postId, null, page, maxDepth), ["thread", id, postId, String(page), String(maxDepth)], {
    tags: [postTag(slug)],
    revalidate: STALE_AFTER_SECONDS,
  })()) as unknown as Stored<ThreadPage>;
  return { ...stored, comments: stored.comments.map(reviveComment) };
}
