import "server-only";
import { revalidatePath, unstable_cache, updateTag } from "next/cache";
import { listThread, type ThreadComment, type ThreadPage } from "@/app/_lib/comments/queries";
import { db } from "@/app/_lib/db";
import { resolveDatabase } from "@/app/_lib/db/url";
import { isSlug } from "@/app/_lib/schemas/ids";
import { DATABASE_ID_SETTING } from "@/app/_lib/settings/schema";
import { INDEX_TAG, pageCacheChanged, postPageTag } from "@/app/_lib/page-cache";
import { loadPost, type PostView } from "./queries";

export { requestedCommentsPage } from "./page-number";

/**
 * What every anonymous reader of a post sees (the post and a page of its approved thread) is
 * cached per post and dropped, by tag, whenever something a reader would see changes: an
 * approval, a rejection of a published comment, an edit, a deletion, the post itself. Signed-in
 * readers read fresh, since their own pending comments are woven into the thread.
 *
 * Each entry is a file on disk (`.next/cache/fetch-cache` under `next start`) that nothing ever
 * deletes, and anyone can choose the address they ask for. So a key is only ever made from a post
 * that exists and a page that post has: an unknown slug or a page past the end is answered
 * without writing to the cache, and the entries stay bounded by the posts and their pages.
 */
export const postTag = (slug: string) => `post:${slug}`;

// Tags are dropped on the instance that made the change. Other instances (each with its own
// cache unless a shared cache handler is configured) catch up within this many seconds.
const STALE_AFTER_SECONDS = 30;

/**
 * Call from an action after a change to a post or its comments. `visible: false` says visitors
 * see no difference (a pending comment stored, edited or withdrawn): the page cache is kept, so
 * readers cannot empty it for everyone at will.
 */
export function postChanged(slug: string, { visible = true }: { visible?: boolean } = {}) {
  updateTag(postTag(slug));
  revalidatePath(`/posts/${slug}`);
  // The post's own pages, and the home page and site feed, which show its count of responses.
  if (visible) pageCacheChanged([postPageTag(slug), INDEX_TAG]);
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

/**
 * Every post's slug, as one entry. It is not dropped when a post is added: a slug it lacks is
 * read fresh (below), so a new post is served at once and cached from the list's next refresh.
 */
function existingSlugs(database: string): Promise<string[]> {
  return unstable_cache(async () => (await db.post.findMany({ select: { slug: true } })).map((post) => post.slug), ["post-slugs", database], {
    revalidate: STALE_AFTER_SECONDS,
  })();
}

export async function getCachedPost(slug: string): Promise<PostView | null> {
  if (!isSlug(slug)) return null;
  const id = await databaseId();
  // Not in the list: a post newer than the list, or no post at all. Either way one fresh query
  // answers it and nothing is written, so made-up slugs cost the database a lookup, not the disk.
  if (!(await existingSlugs(id)).includes(slug)) return loadPost(slug);
  const stored = (await unstable_cache(() => loadPost(slug), ["post", id, slug], { tags: [postTag(slug)], revalidate: STALE_AFTER_SECONDS })()) as Stored<PostView> | null;
  return stored && { ...stored, publishedAt: new Date(stored.publishedAt) };
}

function cachedThreadPage(database: string, postId: string, slug: string, page: number, maxDepth: number): Promise<Stored<ThreadPage>> {
  return unstable_cache(() => listThread(postId, null, page, maxDepth), ["thread", database, postId, String(page), String(maxDepth)], {
    tags: [postTag(slug)],
    revalidate: STALE_AFTER_SECONDS,
  })() as unknown as Promise<Stored<ThreadPage>>;
}

/**
 * A page of an existing post's approved thread. Like listThread, a page past the end is answered
 * with the last page (and the caller sends the reader there), but under the last page's key: the
 * first page, which every post has, says how many pages there are before any other key is made.
 */
export async function getCachedThread(postId: string, slug: string, requestedPage: number, maxDepth: number): Promise<ThreadPage> {
  const id = await databaseId();
  const first = await cachedThreadPage(id, postId, slug, 1, maxDepth);
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), first.pageCount);
  const stored = page === 1 ? first : await cachedThreadPage(id, postId, slug, page, maxDepth);
  return { ...stored, comments: stored.comments.map(reviveComment) };
}
