// As `next start` does before anything else: Next's request stores need AsyncLocalStorage on globalThis.
import "next/dist/server/node-environment-baseline";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { IncrementalCache } from "next/dist/server/lib/incremental-cache";
import { nodeFs } from "next/dist/server/lib/node-fs-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";

const { getCachedPost, getCachedThread, requestedCommentsPage } = await import("@/app/_lib/posts/cache");
const { THREAD_PAGE_SIZE } = await import("@/app/_lib/comments/queries");

/**
 * Next's own unstable_cache, backed by Next's own file-system cache in a throwaway build folder,
 * as `next start` sets it up: outside a request, unstable_cache finds the cache on globalThis and
 * writes each entry to <dist>/cache/fetch-cache before returning, so counting files is exact.
 */
const distDir = mkdtempSync(path.join(os.tmpdir(), "vetted-post-cache-"));
const fetchCacheDir = path.join(distDir, "cache", "fetch-cache");
(globalThis as { __incrementalCache?: IncrementalCache }).__incrementalCache = new IncrementalCache({
  fs: nodeFs,
  dev: false,
  flushToDisk: true,
  serverDistDir: path.join(distDir, "server"),
  requestHeaders: {},
  previewProps: { previewModeId: randomUUID(), previewModeEncryptionKey: randomUUID(), previewModeSigningKey: randomUUID() },
  prerenderManifest: { version: 4, routes: {}, dynamicRoutes: {}, notFoundRoutes: [], preview: { previewModeId: "", previewModeEncryptionKey: "", previewModeSigningKey: "" } } as unknown as ConstructorParameters<typeof IncrementalCache>[0]["prerenderManifest"],
});

type Entry = { tags?: string[] };
const cacheEntries = (): Entry[] => {
  try {
    return readdirSync(fetchCacheDir).map((file) => JSON.parse(readFileSync(path.join(fetchCacheDir, file), "utf8")) as Entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
};

let database: TestDatabase;
// Created before anything reads the cache, so the list of existing slugs holds it.
let listed: { id: string; slug: string };
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  listed = await createPost("listed");
});
afterAll(async () => {
  await database.drop();
  rmSync(distDir, { recursive: true, force: true });
});

function createPost(prefix: string) {
  return database.db.post.create({ data: { slug: `${prefix}-${randomUUID()}`, title: "Imaging in sciatica", authorName: "A", publishedAt: new Date(), body: "B" } });
}

const taggedFor = (slug: string) => cacheEntries().filter((entry) => entry.tags?.includes(`post:${slug}`));

describe("what the anonymous post cache may store", () => {
  it("an unknown slug, however many, stores nothing; an existing post is stored once; a post newer than the slug list is read fresh", async () => {
    const unknown = Array.from({ length: 40 }, (_, index) => (index % 4 === 3 ? `Not A Slug ${index}!` : `no-such-post-${randomUUID()}`));
    expect(await getCachedPost(unknown[0]!)).toBeNull();
    // The first lookup stores the one list of existing slugs; however many follow, nothing grows.
    const afterFirst = cacheEntries().length;
    expect(afterFirst).toBe(1);
    for (const slug of unknown) expect(await getCachedPost(slug)).toBeNull();
    expect(cacheEntries()).toHaveLength(afterFirst);
    for (const slug of unknown) expect(taggedFor(slug)).toEqual([]);

    expect(await getCachedPost(listed.slug)).toMatchObject({ id: listed.id, slug: listed.slug });
    expect(await getCachedPost(listed.slug)).toMatchObject({ id: listed.id, slug: listed.slug });
    expect(taggedFor(listed.slug)).toHaveLength(1);
    expect(cacheEntries()).toHaveLength(afterFirst + 1);

    const newer = await createPost("newer");
    expect(await getCachedPost(newer.slug)).toMatchObject({ id: newer.id, slug: newer.slug, title: "Imaging in sciatica" });
    expect(cacheEntries()).toHaveLength(afterFirst + 1);
  });
});

describe("which thread pages may be stored", () => {
  it("only a plain positive whole number names a page", () => {
    expect(requestedCommentsPage(undefined)).toBe(1);
    expect(requestedCommentsPage("1")).toBe(1);
    expect(requestedCommentsPage("2")).toBe(2);
    expect(requestedCommentsPage("999999999")).toBe(999_999_999);
    for (const value of ["", "0", "-1", "+2", "1.5", "2.0", "01", "1e3", "0x10", " 2", "2 ", "abc", "Infinity", "NaN", "1000000000", "99999999999999999999", ["1", "2"]]) {
      expect(requestedCommentsPage(value), JSON.stringify(value)).toBeNull();
    }
  });

  it("a page past the end is answered with the last page and stores no new key", async () => {
    const post = await createPost("paged");
    const base = Date.UTC(2030, 0, 1);
    await database.db.comment.createMany({
      data: Array.from({ length: THREAD_PAGE_SIZE + 1 }, (_, index) => ({ postId: post.id, guestName: `Reader ${index}`, body: `Root ${index}`, status: "APPROVED" as const, createdAt: new Date(base + index * 1000) })),
    });
    const first = await getCachedThread(post.id, post.slug, 1, 3);
    expect(first).toMatchObject({ page: 1, pageCount: 2 });
    const last = await getCachedThread(post.id, post.slug, 2, 3);
    expect(last).toMatchObject({ page: 2, pageCount: 2 });
    expect(last.comments.map((comment) => comment.authorName)).toEqual([`Reader ${THREAD_PAGE_SIZE}`]);
    expect(taggedFor(post.slug)).toHaveLength(2);

    for (const page of [3, 4, 1000, 999_999_999, 0, -1, 1.5, Number.NaN]) {
      const shown = await getCachedThread(post.id, post.slug, page, 3);
      expect(shown.page, String(page)).toBe(page >= 2 ? 2 : 1);
    }
    expect(taggedFor(post.slug)).toHaveLength(2);
  });
});
