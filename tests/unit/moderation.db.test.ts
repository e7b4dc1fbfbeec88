import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";


const { decideComment, decideComments } = await import("@/app/_lib/moderation/decide");
const { editAsModerator } = await import("@/app/_lib/moderation/edit");
const { editOwnComment } = await import("@/app/_lib/comments/own");
const { listQueue, queueCounts } = await import("@/app/_lib/moderation/queue");

let database: TestDatabase;
let postId: string;
let author: Viewer;
let moderator: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());
beforeEach(async () => {
  postId = (await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B" } })).id;
  author = await makeViewer(database.db);
  moderator = await makeViewer(database.db, { role: "MODERATOR" });
});

const pending = (body = "text", createdAt = new Date()) => database.db.comment.create({ data: { postId, authorId: author.id, body, status: "PENDING", createdAt } });

describe("moderation decisions", () => {
  it("a decision applies only to the text the moderator read: an edit since then comes back with the new text and nothing is published", async () => {
    const comment = await pending("What the moderator read.");
    expect(await editOwnComment(author, { commentId: comment.id, body: "Something else, written after the queue was loaded." })).toMatchObject({ ok: true });

    const stale = await decideComment(moderator, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    expect(stale).toMatchObject({ ok: false, code: "conflict", message: "This comment was edited after you opened it. Read the new text, then decide." });
    expect(stale.ok ? null : stale.changed).toEqual({ bodyHtml: "<p>Something else, written after the queue was loaded.</p>\n", revision: 2 });
    expect(await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ status: "PENDING", decidedById: null });
    expect(await database.db.moderationEvent.count({ where: { commentId: comment.id } })).toBe(0);
    expect(await database.db.outboxMessage.count({ where: { userId: author.id, kind: "approved" } })).toBe(0);
    // Bulk decisions are held to the same rule.
    expect(await decideComments(moderator, [{ commentId: comment.id, expectedStatus: "PENDING", expectedRevision: 1 }], "APPROVE")).toMatchObject({ ok: false, code: "conflict" });

    expect(await decideComment(moderator, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 2 })).toMatchObject({ ok: true });
    expect((await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).body).toBe("Something else, written after the queue was loaded.");
  });

  it("an author's edit and a moderator's approval at the same moment never publish text the moderator did not read", async () => {
    for (let round = 0; round < 10; round++) {
      const comment = await pending(`Read by the moderator ${round}.`);
      await Promise.all([
        editOwnComment(author, { commentId: comment.id, body: `Swapped in at the last moment ${round}.` }),
        decideComment(moderator, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }),
      ]);
      const stored = await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } });
      if (stored.status === "APPROVED") expect(stored.body).toBe(`Read by the moderator ${round}.`);
      else expect(stored).toMatchObject({ status: "PENDING", revision: 2 });
    }
  });

  it("two opposite decisions at the same moment: exactly one is recorded, with one event", async () => {
    const second = await makeViewer(database.db, { role: "ADMIN" });
    for (let round = 0; round < 5; round++) {
      const comment = await pending(`race ${round}`);
      const results = await Promise.all([
        decideComment(moderator, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }),
        decideComment(second, { commentId: comment.id, decision: "REJECT", expectedStatus: "PENDING", expectedRevision: 1, reason: "No" }),
      ]);
      const winners = results.filter((result) => result.ok);
      expect(winners).toHaveLength(1);
      const loser = results.find((result) => !result.ok);
      expect(loser).toMatchObject({ ok: false, code: "conflict", message: expect.stringMatching(/^Already (approved by|rejected by)/) });
      const events = await database.db.moderationEvent.findMany({ where: { commentId: comment.id } });
      expect(events).toHaveLength(1);
      const stored = await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } });
      expect(stored.status).toBe(events[0]!.action === "APPROVE" ? "APPROVED" : "REJECTED");
    }
  });

  it("refuses signed-out callers, readers and banned moderators without changing anything", async () => {
    const comment = await pending();
    const reader = await makeViewer(database.db);
    const bannedModerator = await makeViewer(database.db, { role: "MODERATOR", status: "BANNED" });
    for (const viewer of [null, reader, author, bannedModerator]) {
      expect(await decideComment(viewer, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await decideComments(viewer, [{ commentId: comment.id, expectedStatus: "PENDING", expectedRevision: 1 }], "TRASH")).toMatchObject({ ok: false, code: "forbidden" });
      expect(await editAsModerator(viewer, { commentId: comment.id, body: "changed" })).toMatchObject({ ok: false });
      expect((await listQueue(viewer, "pending", {})).items).toEqual([]);
    }
    expect(await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ status: "PENDING", body: "text" });
    expect(await database.db.moderationEvent.count({ where: { commentId: comment.id } })).toBe(0);
  });

  it("bulk decisions apply all in one transaction, or none when one was decided meanwhile", async () => {
    const [a, b, c] = await Promise.all([pending("a"), pending("b"), pending("c")]);
    await database.db.comment.update({ where: { id: c!.id }, data: { status: "SPAM" } });
    const items = [a!, b!, c!].map((comment) => ({ commentId: comment.id, expectedStatus: "PENDING" as const, expectedRevision: 1 }));
    expect(await decideComments(moderator, items, "APPROVE")).toMatchObject({ ok: false, code: "conflict" });
    expect((await database.db.comment.findMany({ where: { id: { in: [a!.id, b!.id] } } })).map((comment) => comment.status)).toEqual(["PENDING", "PENDING"]);
    expect(await database.db.moderationEvent.count({ where: { commentId: { in: [a!.id, b!.id] } } })).toBe(0);

    expect(await decideComments(moderator, items.slice(0, 2), "APPROVE")).toMatchObject({ ok: true, applied: 2 });
    expect(await database.db.moderationEvent.count({ where: { commentId: { in: [a!.id, b!.id] }, action: "APPROVE" } })).toBe(2);
  });

  it("keeps the rejection reason, clears it on restore, and records who decided", async () => {
    const comment = await pending();
    await decideComment(moderator, { commentId: comment.id, decision: "REJECT", expectedStatus: "PENDING", expectedRevision: 1, reason: "Off-topic" });
    expect(await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ status: "REJECTED", rejectionReason: "Off-topic", decidedById: moderator.id });
    await decideComment(moderator, { commentId: comment.id, decision: "RESTORE", expectedStatus: "REJECTED", expectedRevision: 1 });
    expect(await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ status: "PENDING", rejectionReason: null, decidedById: null });
    expect((await database.db.moderationEvent.findMany({ where: { commentId: comment.id }, orderBy: { createdAt: "asc" } })).map((event) => event.action)).toEqual(["REJECT", "RESTORE"]);
  });

  it("a moderator's edit keeps the previous text in the history, with an event", async () => {
    const comment = await pending("My phone is 555-0100");
    expect(await editAsModerator(moderator, { commentId: comment.id, body: "My phone is [removed]", reason: "Personal data" })).toMatchObject({ ok: true });
    expect((await database.db.commentRevision.findMany({ where: { commentId: comment.id } })).map((revision) => revision.body)).toEqual(["My phone is 555-0100"]);
    expect(await database.db.moderationEvent.findFirst({ where: { commentId: comment.id } })).toMatchObject({ action: "EDIT", reason: "Personal data", moderatorId: moderator.id });
  });
});

describe("the queue", () => {
  it("pages through pending comments oldest first with a cursor, missing and repeating none", async () => {
    const base = Date.UTC(2030, 0, 1);
    const created = [];
    // Several share a timestamp, so the cursor must break ties by id.
    for (let index = 0; index < 23; index++) created.push(await pending(`item ${index}`, new Date(base + Math.floor(index / 3) * 1000)));
    const slug = (await database.db.post.findUniqueOrThrow({ where: { id: postId } })).slug;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue(moderator, "pending", { post: slug }, cursor, 5);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = [...created].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)).map((comment) => comment.id);
    expect(seen).toEqual(expected);
    expect((await queueCounts(moderator, { post: slug })).pending).toBe(23);
  });

  it("shows what a moderator needs: author facts, parent excerpt, held reason", async () => {
    await database.db.termsVersion.upsert({ where: { version: 4 }, update: {}, create: { version: 4, body: "Terms.", effectiveAt: new Date("2020-01-01") } });
    const parent = await database.db.comment.create({ data: { postId, guestName: "G", body: "The parent comment text", status: "APPROVED" } });
    await database.db.comment.create({ data: { postId, authorId: author.id, body: "earlier", status: "APPROVED" } });
    await database.db.comment.create({ data: { postId, authorId: author.id, parentId: parent.id, body: "reply", status: "PENDING", heldReason: "held: contains 3 links", termsVersion: 4 } });
    const slug = (await database.db.post.findUniqueOrThrow({ where: { id: postId } })).slug;
    const [item] = (await listQueue(moderator, "pending", { post: slug })).items;
    expect(item).toMatchObject({ authorEmail: author.email, approvedBefore: 1, parentExcerpt: "The parent comment text", heldReason: "held: contains 3 links", termsVersion: 4 });
  });
});
