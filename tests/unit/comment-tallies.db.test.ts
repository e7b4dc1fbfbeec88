import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";
import { createDatabase } from "@/app/_lib/db/client";

const { decideComment, decideComments } = await import("@/app/_lib/moderation/decide");
const { deleteOwnComment } = await import("@/app/_lib/comments/own");
const { queueCounts, pendingSummary } = await import("@/app/_lib/moderation/queue");
const { commentTallies, foldTallyChanges } = await import("@/app/_lib/moderation/tallies");

type Status = "PENDING" | "APPROVED" | "REJECTED" | "SPAM" | "TRASH";
const DECISIONS = ["APPROVE", "REJECT", "SPAM", "TRASH", "RESTORE"] as const;

let database: TestDatabase;
let moderators: Viewer[];
let authors: Viewer[];
let postId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  moderators = await Promise.all([1, 2, 3, 4].map(() => makeViewer(database.db, { role: "MODERATOR" })));
  authors = await Promise.all([1, 2, 3].map(() => makeViewer(database.db)));
  postId = (await database.db.post.create({ data: { slug: `tally-${randomUUID()}`, title: "T", authorName: "A", publishedAt: new Date(), body: "B" } })).id;
});
afterAll(() => database.drop());

/** Every status counted the slow way, straight from the comments. */
async function fullCounts(): Promise<Record<Status, number>> {
  const counts: Record<Status, number> = { PENDING: 0, APPROVED: 0, REJECTED: 0, SPAM: 0, TRASH: 0 };
  for (const row of await database.db.comment.groupBy({ by: ["status"], _count: { _all: true } })) counts[row.status] = row._count._all;
  return counts;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

describe("the counts of the queue's tabs and the header's pending count", () => {
  it("stay exact through many random decisions, bulk decisions, deletions and inserts at the same moment", async () => {
    const seeded = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        database.db.comment.create({ data: { postId, authorId: pick(authors).id, body: `Tally ${index}`, status: pick(["PENDING", "PENDING", "APPROVED", "SPAM"] as const) } }),
      ),
    );
    const ids = seeded.map((comment) => comment.id);
    // Open reports on a third of them, some from two readers: the reported tab counts comments.
    await database.db.report.createMany({
      data: ids.filter((_, index) => index % 3 === 0).flatMap((commentId, index) => authors.slice(0, 1 + (index % 2)).map((reporter) => ({ commentId, reporterId: reporter.id, reason: "SPAM" as const }))),
    });
    // Moderators decide on what they last saw, often stale: many decisions lose, as they would.
    const operations = Array.from({ length: 160 }, async (_, index) => {
      const kind = index % 8;
      if (kind === 0) {
        const chosen = await database.db.comment.findMany({ where: { id: { in: [pick(ids), pick(ids), pick(ids)] } }, select: { id: true, status: true, revision: true } });
        return decideComments(pick(moderators), chosen.map((row) => ({ commentId: row.id, expectedStatus: row.status, expectedRevision: row.revision })), pick(DECISIONS));
      }
      if (kind === 1) {
        const created = await database.db.comment.create({ data: { postId, authorId: pick(authors).id, body: `Late ${index}`, status: "PENDING" } });
        ids.push(created.id);
        return created;
      }
      if (kind === 2) {
        const author = pick(authors);
        const own = await database.db.comment.findFirst({ where: { authorId: author.id, deletedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true } });
        return own && deleteOwnComment(author, own.id);
      }
      const row = await database.db.comment.findUnique({ where: { id: pick(ids) }, select: { id: true, status: true, revision: true } });
      return row && decideComment(pick(moderators), { commentId: row.id, decision: pick(DECISIONS), expectedStatus: row.status, expectedRevision: row.revision });
    });
    await Promise.all(operations);

    const expected = await fullCounts();
    expect(await commentTallies()).toEqual(expected);
    const tabs = await queueCounts(moderators[0]!);
    const openlyReported = await database.db.report.findMany({ where: { resolvedAt: null }, distinct: ["commentId"], select: { commentId: true } });
    expect(openlyReported.length).toBeGreaterThan(0);
    expect(tabs).toMatchObject({ pending: expected.PENDING, approved: expected.APPROVED, rejected: expected.REJECTED, spam: expected.SPAM, trash: expected.TRASH, reported: openlyReported.length });
    const newest = await database.db.comment.findFirst({ where: { status: "PENDING" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(await pendingSummary(moderators[0]!)).toEqual({ count: expected.PENDING, newestId: newest?.id ?? null });
    // Something happened: the run moved comments between statuses and removed some.
    expect(await database.db.moderationEvent.count({ where: { commentId: { in: ids } } })).toBeGreaterThan(10);
  }, 60_000);

  it("never make concurrent decisions wait on each other or deadlock: mixed bulk decisions and single ones at once", async () => {
    const pairs = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const [approved, pending] = await Promise.all([
          database.db.comment.create({ data: { postId, guestName: "G", body: `Pair approved ${index}`, status: "APPROVED" } }),
          database.db.comment.create({ data: { postId, guestName: "G", body: `Pair pending ${index}`, status: "PENDING" } }),
        ]);
        return [approved, pending] as const;
      }),
    );
    const singles = await Promise.all(Array.from({ length: 60 }, (_, index) => database.db.comment.create({ data: { postId, guestName: "G", body: `Single ${index}`, status: index % 2 ? "SPAM" : "PENDING" } })));
    const outcomes = await Promise.allSettled([
      ...pairs.map(([approved, pending]) =>
        decideComments(pick(moderators), [approved, pending].map((row) => ({ commentId: row.id, expectedStatus: row.status, expectedRevision: row.revision })), "TRASH"),
      ),
      ...singles.map((row) => decideComment(pick(moderators), { commentId: row.id, decision: "APPROVE", expectedStatus: row.status, expectedRevision: row.revision })),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => String((outcome as PromiseRejectedResult).reason))).toEqual([]);
    expect(outcomes.every((outcome) => outcome.status === "fulfilled" && outcome.value.ok)).toBe(true);
    expect(await commentTallies()).toEqual(await fullCounts());
    await foldTallyChanges();
    expect(await database.db.commentTallyChange.count()).toBe(0);
    expect(await commentTallies()).toEqual(await fullCounts());
  }, 60_000);

  it.runIf(testProvider === "postgresql")("leave no deleted changes behind a fold for every later read to scan", async () => {
    // pgstattuple counts the dead rows in the table's pages exactly, where the statistics views lag.
    await database.db.$executeRaw`CREATE EXTENSION IF NOT EXISTS pgstattuple`;
    const deadChanges = async () => Number((await database.db.$queryRaw<{ dead: bigint }[]>`SELECT dead_tuple_count AS "dead" FROM pgstattuple('"CommentTallyChange"')`)[0]!.dead);
    // What an import leaves: one change row for each comment written.
    await database.db.comment.createMany({ data: Array.from({ length: 5_000 }, (_, index) => ({ postId, body: `Imported ${index}`, guestName: "Guest", status: "APPROVED" as const })) });
    await foldTallyChanges();
    expect(await database.db.commentTallyChange.count()).toBe(0);
    expect(await deadChanges()).toBe(0);
    expect(await commentTallies()).toEqual(await fullCounts());
  });

  it.runIf(testProvider === "postgresql")("fold at once while another transaction has read the changes (a backup's), instead of waiting to shrink the table", async () => {
    await database.db.comment.createMany({ data: Array.from({ length: 3_000 }, (_, index) => ({ postId, body: `Imported again ${index}`, guestName: "Guest", status: "APPROVED" as const })) });
    const reader = createDatabase(database.target);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let haveRead = () => {};
    const read = new Promise<void>((resolve) => (haveRead = resolve));
    const reading = reader.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT COUNT(*) FROM "CommentTallyChange"`;
      haveRead();
      await held;
    });
    try {
      await read;
      const folded = await Promise.race([foldTallyChanges().then(() => "folded"), new Promise((resolve) => setTimeout(() => resolve("still waiting"), 3_000))]);
      expect(folded).toBe("folded");
    } finally {
      release();
      await reading;
      await reader.$disconnect();
    }
    expect(await commentTallies()).toEqual(await fullCounts());
  });

  it("follow writes made outside the app's code too: bulk inserts, raw updates and deletes", async () => {
    const before = await fullCounts();
    await database.db.comment.createMany({ data: Array.from({ length: 25 }, (_, index) => ({ postId, body: `Bulk ${index}`, guestName: "Guest", status: "PENDING" as const })) });
    await database.db.comment.updateMany({ where: { body: { startsWith: "Bulk 1" } }, data: { status: "APPROVED" } });
    await database.db.comment.deleteMany({ where: { body: { startsWith: "Bulk 2" } } });
    const after = await fullCounts();
    expect(after.PENDING + after.APPROVED).toBe(before.PENDING + before.APPROVED + 25 - 6);
    expect(await commentTallies()).toEqual(after);
  });
});
