import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createPost, db, uniqueId } from "./support/db";

/**
 * Where `next start` keeps unstable_cache entries: Next's file-system cache writes each one as a
 * JSON file (holding the entry's tags) to <distDir>/cache/fetch-cache
 * (next/dist/server/lib/incremental-cache/file-system-cache.js, getFilePath for FETCH entries).
 * Other specs run beside this one and add entries for their own posts, so this one counts the
 * entries its own requests could have made: those tagged with the slugs it asked for.
 */
const FETCH_CACHE = path.join(process.cwd(), ".next", "cache", "fetch-cache");

function entriesTagged(slug: string): string[] {
  let files: string[];
  try {
    files = readdirSync(FETCH_CACHE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return files.filter((file) => {
    try {
      const entry = JSON.parse(readFileSync(path.join(FETCH_CACHE, file), "utf8")) as { tags?: string[] };
      return entry.tags?.includes(`post:${slug}`) ?? false;
    } catch {
      // A file being written right now; it is read again on the next poll.
      return false;
    }
  });
}

/** The number of comment pages an anonymous reader is shown for this post. */
async function commentPages(request: APIRequestContext, slug: string): Promise<number> {
  const response = await request.get(`/posts/${slug}`);
  expect(response.status()).toBe(200);
  // React marks the edges of adjacent text with empty comments in server-rendered HTML.
  const pager = (await response.text()).replaceAll("<!-- -->", "").match(/Page 1 of (\d+)/);
  return pager ? Number(pager[1]) : 1;
}

test("anonymous requests for unknown posts and made-up comment pages add nothing to the on-disk cache", async ({ request }) => {
  test.setTimeout(90_000);
  // Enough approved comments for a second page, so "the last page" is not simply the first.
  const post = await createPost();
  await db.comment.createMany({
    data: Array.from({ length: 60 }, (_, index) => ({ postId: post.id, guestName: `Guest ${index}`, body: `Comment number ${index}`, status: "APPROVED" as const, createdAt: new Date(Date.UTC(2030, 0, 1) + index * 1000) })),
  });
  const pageCount = await commentPages(request, post.slug);
  for (let page = 2; page <= pageCount; page++) expect((await request.get(`/posts/${post.slug}?comments=${page}`)).status()).toBe(200);
  // The cache is where this spec looks: the real pages' entries appear there.
  await expect.poll(() => entriesTagged(post.slug).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(pageCount);

  const unknown = Array.from({ length: 40 }, () => `no-such-post-${uniqueId()}`);
  for (const slug of unknown) {
    expect((await request.get(`/posts/${slug}`)).status()).toBe(404);
    expect((await request.get(`/posts/${slug}?comments=2`)).status()).toBe(404);
    expect((await request.get(`/posts/${slug}/comments/feed.xml`)).status()).toBe(404);
  }
  expect((await request.get(`/posts/Not_A-Slug-${uniqueId()}`)).status()).toBe(404);

  // Not a plain page number: no such page.
  for (const value of ["0", "-1", "1.5", "01", "1e3", "abc", "", "Infinity", "99999999999999999999"]) {
    const response = await request.get(`/posts/${post.slug}?comments=${encodeURIComponent(value)}`);
    expect(response.status(), `?comments=${value}`).toBe(404);
  }
  expect((await request.get(`/posts/${post.slug}?comments=1&comments=2`)).status()).toBe(404);
  // A page past the end sends the reader to the last page, by its one address.
  const lastPage = pageCount === 1 ? `/posts/${post.slug}` : `/posts/${post.slug}?comments=${pageCount}`;
  for (const page of [pageCount + 1, pageCount + 2, 1000, 999_999_999]) {
    const response = await request.get(`/posts/${post.slug}?comments=${page}`, { maxRedirects: 0 });
    expect(response.status(), `?comments=${page}`).toBe(307);
    const location = new URL(response.headers().location!, "http://vetted.test");
    expect(`${location.pathname}${location.search}`).toBe(lastPage);
  }
  // Other parameters are not part of any key.
  for (let index = 0; index < 10; index++) expect((await request.get(`/posts/${post.slug}?ref=${uniqueId()}`)).status()).toBe(200);

  // Writes land after the response; once a later post's entry is on disk, the earlier ones are too.
  const later = await createPost();
  expect((await request.get(`/posts/${later.slug}`)).status()).toBe(200);
  await expect.poll(() => entriesTagged(later.slug).length, { timeout: 10_000 }).toBeGreaterThan(0);

  for (const slug of unknown) expect(entriesTagged(slug), `entries for ${slug}`).toEqual([]);
  // However many addresses were asked for: at most the post's own entry and one per real page.
  expect(entriesTagged(post.slug).length).toBeLessThanOrEqual(pageCount + 1);
});
