import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/app/_lib/db/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const state = { queries: 0 };
const { listThread, THREAD_PAGE_SIZE } = await import("@/app/_lib/comments/queries");
const { listQueue } = await import("@/app/_lib/moderation/queue");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** The database, counting every query the code under test makes through it. */
function counting(db: Database): Database {
  return new Proxy(db, {
    get(target, property, receiver) {
      const model = Reflect.get(target, property, receiver);
      if (typeof property !== "string" || property.startsWith("$") || typeof model !== "object" || model === null) return model;
      return new Proxy(model, {
        get(modelTarget, method, modelReceiver) {
          const value = Reflect.get(modelTarget, method, modelReceiver);
          if (typeof value !== "function") return value;
          return (...args: unknown[]) => {
            state.queries += 1;
            return value.apply(modelTarget, args);
          };
        },
      });
    },
  });
}

async function postWithThread(roots: number) {
  const db = database.db;
  const post = await db.post.create({ data: { slug: `t-${randomUUID()}`, title: "T", authorName: "A", publishedAt: new Date(), body: "B" } });
  const base = Date.UTC(2030, 0, 1);
  for (let index = 0; index < roots; index++) {
    const root = await db.comment.create({ data: { postId: post.id, guestName: `Root ${index}`, body: `Root ${index}`, status: "APPROVED", createdAt: new Date(base + index * 60_000) } });
    const reply = await db.comment.create({ data: { postId: post.id, parentId: root.id, guestName: "R", body: `Reply to ${index}`, status: "APPROVED", createdAt: new Date(base + index * 60_000 + 1000) } });
    await db.comment.create({ data: { postId: post.id, parentId: reply.id, guestName: "RR", body: `Reply to reply ${index}`, status: "APPROVED", createdAt: new Date(base + index * 60_000 + 2000) } });
    await db.comment.create({ data: { postId: post.id, parentId: root.id, guestName: "P", body: `Pending reply ${index}`, status: "PENDING", createdAt: new Date(base + index * 60_000 + 3000) } });
  }
  return post;
}

describe("thread and queue queries", () => {
  it("a post page costs the same number of queries for 3 comments as for 60, with replies", async () => {
    const small = await postWithThread(3);
    const large = await postWithThread(60);
    const viewer = await makeViewer(database.db);
    setAppDatabase(counting(database.db));
    state.queries = 0;
    const smallThread = await listThread(small.id, viewer.id);
    const smallQueries = state.queries;
    state.queries = 0;
    const largeThread = await listThread(large.id, viewer.id);
    expect(state.queries).toBe(smallQueries);
    expect(smallQueries).toBeLessThanOrEqual(5);

    expect(smallThread.comments).toHaveLength(3);
    expect(smallThread.comments[0]!.replies[0]!.replies[0]!.authorName).toBe("RR");
    expect(largeThread).toMatchObject({ page: 1, pageCount: 2 });
    expect(largeThread.comments).toHaveLength(THREAD_PAGE_SIZE);
    // Pending replies by others never show.
    expect(JSON.stringify(largeThread.comments)).not.toContain("Pending reply");
    setAppDatabase(database.db);
  });

  it("pages through top-level comments oldest first, each with its replies", async () => {
    setAppDatabase(database.db);
    const post = await postWithThread(60);
    const second = await listThread(post.id, null, 2);
    expect(second).toMatchObject({ page: 2, pageCount: 2 });
    expect(second.comments.map((comment) => comment.authorName)).toEqual(Array.from({ length: 10 }, (_, index) => `Root ${50 + index}`));
    expect(second.comments.every((comment) => comment.replies.length === 1 && comment.replies[0]!.replies.length === 1)).toBe(true);
    expect((await listThread(post.id, null, 99)).page).toBe(2);
    expect((await listThread(post.id, null, Number.NaN)).page).toBe(1);
  });

  it("a reply stored on another post than its parent's shows on its own post only", async () => {
    setAppDatabase(database.db);
    const db = database.db;
    const post = await postWithThread(1);
    const other = await db.post.create({ data: { slug: `o-${randomUUID()}`, title: "O", authorName: "A", publishedAt: new Date(), body: "B" } });
    const root = await db.comment.findFirstOrThrow({ where: { postId: post.id, parentId: null } });
    await db.comment.create({ data: { postId: other.id, parentId: root.id, guestName: "Elsewhere", body: "Stored on the other post", status: "APPROVED" } });
    const thread = await listThread(post.id, null);
    expect(thread.comments[0]!.replies.map((reply) => reply.authorName)).toEqual(["R"]);
    expect(JSON.stringify(thread)).not.toContain("Elsewhere");
  });

  it("a page whose top-level comments have more replies than one statement may name shows them all", async () => {
    setAppDatabase(database.db);
    const db = database.db;
    const post = await db.post.create({ data: { slug: `m-${randomUUID()}`, title: "M", authorName: "A", publishedAt: new Date(), body: "B" } });
    const base = Date.UTC(2031, 0, 1);
    const roots = Array.from({ length: 3 }, (_, index) => ({ id: `many-${randomUUID()}`, postId: post.id, guestName: `Root ${index}`, body: "Root", status: "APPROVED" as const, createdAt: new Date(base + index) }));
    await db.comment.createMany({ data: roots });
    const replies = Array.from({ length: 1_200 }, (_, index) => ({ postId: post.id, parentId: roots[index % 3]!.id, guestName: `Reply ${index}`, body: "Reply", status: "APPROVED" as const, createdAt: new Date(base + 1_000 + index) }));
    for (let start = 0; start < replies.length; start += 400) await db.comment.createMany({ data: replies.slice(start, start + 400) });
    // Each reply gets one of its own, so the third level asks for 1,200 parents.
    const stored = await db.comment.findMany({ where: { postId: post.id, parentId: { not: null } }, select: { id: true } });
    for (let start = 0; start < stored.length; start += 400) {
      await db.comment.createMany({ data: stored.slice(start, start + 400).map((reply, index) => ({ postId: post.id, parentId: reply.id, guestName: "Deeper", body: "Deeper", status: "APPROVED" as const, createdAt: new Date(base + 10_000 + start + index) })) });
    }
    const thread = await listThread(post.id, null);
    expect(thread.comments.map((comment) => comment.replies.length)).toEqual([400, 400, 400]);
    expect(thread.comments[0]!.replies.slice(0, 2).map((reply) => reply.authorName)).toEqual(["Reply 0", "Reply 3"]);
    expect(thread.comments.flatMap((comment) => comment.replies).every((reply) => reply.replies.length === 1)).toBe(true);
  });

  it("a page of the moderation queue costs the same number of queries for 5 items as for 20", async () => {
    const moderator = await makeViewer(database.db, { role: "MODERATOR" });
    const post = await database.db.post.create({ data: { slug: `q-${randomUUID()}`, title: "Q", authorName: "A", publishedAt: new Date(), body: "B" } });
    for (let index = 0; index < 25; index++) {
      const author = await makeViewer(database.db);
      await database.db.comment.create({ data: { postId: post.id, authorId: author.id, body: `Q ${index}`, status: "PENDING" } });
    }
    setAppDatabase(counting(database.db));
    state.queries = 0;
    await listQueue(moderator, "pending", { post: post.slug }, undefined, 5);
    const five = state.queries;
    state.queries = 0;
    const page = await listQueue(moderator, "pending", { post: post.slug }, undefined, 20);
    expect(page.items).toHaveLength(20);
    expect(state.queries).toBe(five);
    setAppDatabase(database.db);
  });
});
