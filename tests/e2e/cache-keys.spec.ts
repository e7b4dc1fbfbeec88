import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createPost, db, uniqueId } from "./support/db";

/**
 * Where Next.js would keep data-cache entries on disk (<distDir>/cache/fetch-cache, one JSON file
 * per entry, holding its tags). The app keeps visitors' pages in memory only (the server's page
 * cache), so no request may write an entry for a post here; the in-memory cache is checked by its
 * answers (a stored page is answered with `x-vetted-cache: hit`).
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

test("anonymous requests for unknown posts and made-up comment pages are refused and stored nowhere", async ({ request }) => {
  test.slow();
  // Enough approved comments for a second page, so "the last page" is not simply the first.
  const post = await createPost();
  await db.comment.createMany({
    data: Array.from({ length: 60 }, (_, index) => ({ postId: post.id, guestName: `Guest ${index}`, body: `Comment number ${index}`, status: "APPROVED" as const, createdAt: new Date(Date.UTC(2030, 0, 1) + index * 1000) })),
  });
  const pageCount = await commentPages(request, post.slug);
  for (let page = 2; page <= pageCount; page++) expect((await request.get(`/posts/${post.slug}?comments=${page}`)).status()).toBe(200);
  // The real pages are kept, in memory: asked again, they come from the page cache.
  await expect.poll(async () => (await request.get(`/posts/${post.slug}`)).headers()["x-vetted-cache"], { timeout: 10_000 }).toBe("hit");

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
  // Other parameters are not part of any key: such an address is drawn every time, never kept.
  const madeUp = `/posts/${post.slug}?ref=${uniqueId()}`;
  for (let index = 0; index < 3; index++) {
    const response = await request.get(madeUp);
    expect(response.status()).toBe(200);
    expect(response.headers()["x-vetted-cache"]).toBeUndefined();
  }
  // An unknown post's answer is never kept either.
  for (let index = 0; index < 3; index++) expect((await request.get(`/posts/${unknown[0]}`)).headers()["x-vetted-cache"]).toBeUndefined();

  // Nothing reached the disk, for the real post or for any address made up.
  for (const slug of [post.slug, ...unknown]) expect(entriesTagged(slug), `entries for ${slug}`).toEqual([]);
});
