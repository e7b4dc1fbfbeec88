import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const { commentContexts } = await import("@/app/_lib/moderation/context");
const { CONTEXTS_PER_REQUEST } = await import("@/app/_lib/schemas/limits");

let database: TestDatabase;
let post: { id: string; slug: string };
let moderator: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());
beforeEach(async () => {
  post = await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "The post", authorName: "A", publishedAt: new Date(), body: "B" }, select: { id: true, slug: true } });
  moderator = await makeViewer(database.db, { role: "MODERATOR", name: "Mo Derator" });
});

let minute = 0;
const comment = (authorId: string | null, status: "PENDING" | "APPROVED" | "REJECTED" | "SPAM" | "TRASH", extra: { parentId?: string; body?: string; guestName?: string } = {}) =>
  database.db.comment.create({
    data: {
      postId: post.id,
      authorId,
      status,
      body: extra.body ?? `${status} comment`,
      parentId: extra.parentId,
      guestName: extra.guestName,
      createdAt: new Date(Date.UTC(2026, 0, 1) + ++minute * 60_000),
      ...(status === "PENDING" ? {} : { decidedById: moderator.id, decidedAt: new Date(), rejectionReason: status === "REJECTED" ? "Off-topic" : null }),
    },
  });

describe("the queue's contexts, read as a batch", () => {
  it("gives each comment its own author's record, counts and reports, however the batch mixes authors", async () => {
    const ann = await makeViewer(database.db, { name: "Ann Author" });
    const ben = await makeViewer(database.db, { name: "Ben Author", trusted: true });
    const reporter = await makeViewer(database.db);
    const other = await makeViewer(database.db);
    for (const status of ["APPROVED", "APPROVED", "REJECTED", "SPAM"] as const) await comment(ann.id, status);
    const reported = await comment(ann.id, "APPROVED", { body: "A reported view" });
    await database.db.report.create({ data: { commentId: reported.id, reporterId: reporter.id, reason: "ABUSE", text: "Rude" } });
    await database.db.report.create({ data: { commentId: reported.id, reporterId: other.id, reason: "SPAM", resolvedAt: new Date(), resolvedById: moderator.id } });
    await comment(ben.id, "TRASH");
    const asked = await comment(null, "APPROVED", { body: "Is an MRI needed at six weeks?", guestName: "Guest Asker" });
    const annPending = await comment(ann.id, "PENDING", { body: "Ann's new one", parentId: asked.id });
    const benPending = await comment(ben.id, "PENDING", { body: "Ben's new one" });
    const guestPending = await comment(null, "PENDING", { guestName: "Gail Guest" });

    const contexts = await commentContexts(moderator, [annPending.id, benPending.id, guestPending.id, "no-such-comment"]);

    expect([...contexts.keys()].sort()).toEqual([annPending.id, benPending.id, guestPending.id].sort());
    const annContext = contexts.get(annPending.id)!;
    expect(annContext.post.title).toBe("The post");
    expect(annContext.parent).toMatchObject({ authorName: "Guest Asker", status: "APPROVED", deleted: false, excerpt: "Is an MRI needed at six weeks?" });
    expect(annContext.threadHref).toBe(`/posts/${post.slug}#comment-${annPending.id}`);
    expect(annContext.author).toMatchObject({ name: "Ann Author", counts: { PENDING: 1, APPROVED: 3, REJECTED: 1, SPAM: 1, TRASH: 0 } });
    expect(annContext.author!.reports).toMatchObject({ total: 2, open: 1 });
    expect(annContext.author!.reports.latest.map((report) => [report.reason, report.excerpt])).toEqual(
      expect.arrayContaining([["ABUSE", "A reported view"], ["SPAM", "A reported view"]]),
    );
    // The five latest, newest first, with who decided them.
    expect(annContext.author!.recent.map((recent) => recent.excerpt)).toEqual(["Ann's new one", "A reported view", "SPAM comment", "REJECTED comment", "APPROVED comment"]);
    expect(annContext.author!.recent[3]).toMatchObject({ status: "REJECTED", decidedBy: "Mo Derator", rejectionReason: "Off-topic", postTitle: "The post" });

    const benContext = contexts.get(benPending.id)!;
    expect(benContext.parent).toBeNull();
    expect(benContext.author).toMatchObject({ name: "Ben Author", standing: { trusted: true }, counts: { PENDING: 1, APPROVED: 0, REJECTED: 0, SPAM: 0, TRASH: 1 }, reports: { total: 0, open: 0, latest: [] } });

    const guestContext = contexts.get(guestPending.id)!;
    expect(guestContext.author).toBeNull();
    expect(guestContext.guestName).toBe("Gail Guest");
  });

  it("reads as many comments as one request may name, and nothing for a reader", async () => {
    const authors = await Promise.all(Array.from({ length: CONTEXTS_PER_REQUEST + 2 }, () => makeViewer(database.db)));
    const ids: string[] = [];
    for (const author of authors) ids.push((await comment(author.id, "PENDING")).id);
    const contexts = await commentContexts(moderator, ids);
    expect(contexts.size).toBe(CONTEXTS_PER_REQUEST);
    for (const id of ids.slice(0, CONTEXTS_PER_REQUEST)) expect(contexts.get(id)!.author!.counts.PENDING).toBe(1);
    expect((await commentContexts(authors[0]!, ids)).size).toBe(0);
    expect((await commentContexts(null, ids)).size).toBe(0);
  });

  it("leaves a new comment out of the thread's link when more pending ones come before it than a moderator sees in place", async () => {
    const author = await makeViewer(database.db);
    const older = await database.db.comment.createMany({
      data: Array.from({ length: 50 }, (_, index) => ({ postId: post.id, authorId: author.id, status: "PENDING" as const, body: `older ${index}`, createdAt: new Date(Date.UTC(2025, 0, 1) + index * 1000) })),
    });
    expect(older.count).toBe(50);
    const late = await comment(author.id, "PENDING");
    expect((await commentContexts(moderator, [late.id])).get(late.id)!.threadHref).toBeNull();
  });
});
