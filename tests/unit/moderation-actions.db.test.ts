import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", () => ({ getViewer: async () => state.viewer, isStaff: () => true }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));

const actions = await import("@/app/_lib/actions/moderation");
const { revalidatePath, updateTag, refresh } = await import("next/cache");
const { cachedPage, pageCacheGeneration, storePage } = await import("@/app/_lib/page-cache");
const { commentTallies } = await import("@/app/_lib/moderation/tallies");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

async function postWithPending(count: number) {
  const post = await database.db.post.create({ data: { slug: `decided-${randomUUID()}`, title: "D", authorName: "A", publishedAt: new Date(), body: "B" } });
  const comments = await Promise.all(Array.from({ length: count }, (_, index) => database.db.comment.create({ data: { postId: post.id, guestName: "G", body: `Waiting ${index}`, status: "PENDING" } })));
  return { post, comments };
}

describe("a moderator's decision answers with what the page shows, instead of the page drawn again", () => {
  it("returns the tab counts under the moderator's filters and the whole queue's pending count, and drops the visitors' page", async () => {
    state.viewer = await makeViewer(database.db, { role: "MODERATOR" });
    const { post, comments } = await postWithPending(3);
    const key = `http /posts/${post.slug}`;
    storePage(key, { status: 200, headers: {}, body: Buffer.from("cached"), storedAt: Date.now() }, pageCacheGeneration());
    vi.mocked(revalidatePath).mockClear();
    vi.mocked(updateTag).mockClear();
    vi.mocked(refresh).mockClear();

    const first = comments[0]!;
    const result = await actions.decide({ commentId: first.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1, filters: { post: post.slug } });
    expect(result).toMatchObject({ ok: true, counts: { pending: 2, approved: 1, rejected: 0 } });
    expect(result.ok && result.pending).toBe((await commentTallies()).PENDING);
    expect(cachedPage(key)).toBeNull();
    // Nothing asked Next.js to draw a page again.
    expect(revalidatePath).not.toHaveBeenCalled();
    expect(updateTag).not.toHaveBeenCalled();
    expect(refresh).not.toHaveBeenCalled();

    const bulk = await actions.decideMany({ items: comments.slice(1).map((comment) => ({ commentId: comment.id, expectedStatus: "PENDING", expectedRevision: 1 })), decision: "SPAM", filters: { post: post.slug } });
    expect(bulk).toMatchObject({ ok: true, applied: 2, counts: { pending: 0, approved: 1, spam: 2 } });
  });

  it("refuses filters the queue page would not accept, deciding nothing", async () => {
    state.viewer = await makeViewer(database.db, { role: "MODERATOR" });
    const { comments } = await postWithPending(1);
    for (const filters of [{ post: "../../etc" }, { author: "x".repeat(201) }, { q: 42 }, "everything"]) {
      const result = await actions.decide({ commentId: comments[0]!.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1, filters });
      expect(result.ok, JSON.stringify(filters)).toBe(false);
    }
    expect((await database.db.comment.findUniqueOrThrow({ where: { id: comments[0]!.id } })).status).toBe("PENDING");
  });

  it("tells a reader nothing about the queue", async () => {
    state.viewer = await makeViewer(database.db);
    const { comments } = await postWithPending(1);
    const result = await actions.decide({ commentId: comments[0]!.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    expect(result).toEqual({ ok: false, message: "You do not have access." });
  });
});
