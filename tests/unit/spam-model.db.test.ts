import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";
import { spamFeatures } from "@/app/_lib/spam/tokens";

const { learnFromDecisions } = await import("@/app/_lib/spam/train");
const { spamProbability, spamModelChanged, SPAM_MODEL_ID } = await import("@/app/_lib/spam/model-store");
const { exampleCounts } = await import("@/app/_lib/spam/classifier");
const { starterModel } = await import("@/app/_lib/spam/starter");
const { decideComment } = await import("@/app/_lib/moderation/decide");
const { undoDecisions } = await import("@/app/_lib/moderation/undo");
const { submitComment } = await import("@/app/_lib/comments/submit");
const { listQueue } = await import("@/app/_lib/moderation/queue");
const { settingsChanged } = await import("@/app/_lib/settings");

let database: TestDatabase;
let postId: string;
let author: Viewer;
let moderator: Viewer;
const starter = exampleCounts(starterModel());

beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  await database.db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } });
});
afterAll(() => database.drop());
beforeEach(async () => {
  // Each test starts from the built-in model.
  await database.db.spamModel.deleteMany();
  spamModelChanged();
  postId = (await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B" } })).id;
  author = await makeViewer(database.db);
  moderator = await makeViewer(database.db, { role: "MODERATOR" });
});

const stored = async () => {
  const row = await database.db.spamModel.findUnique({ where: { id: SPAM_MODEL_ID } });
  return row ? exampleCounts(row.model) : starter;
};
const comment = (body: string, status: "PENDING" | "APPROVED" | "SPAM" = "PENDING") => database.db.comment.create({ data: { postId, authorId: author.id, body, status } });
const decide = async (commentId: string, decision: "APPROVE" | "SPAM") => {
  const result = await decideComment(moderator, { commentId, decision, expectedStatus: "PENDING", expectedRevision: 1 });
  if (!result.ok) throw new Error(result.message);
  return result.eventId;
};

describe("the stored model", () => {
  it("learns approved comments as ham and Spam as spam, once, and unlearns an undone decision", async () => {
    const ham = await comment("A thoughtful reply about the trial design.");
    const spam = await comment("Buy zorblax pills at the zorblax shop.");
    await decide(ham.id, "APPROVE");
    const spamEvent = await decide(spam.id, "SPAM");
    expect(await learnFromDecisions([ham.id, spam.id])).toHaveLength(2);
    expect(await stored()).toEqual({ spam: starter.spam + 1, ham: starter.ham + 1 });
    // Learnt already: nothing changes.
    expect(await learnFromDecisions([ham.id, spam.id])).toEqual([]);
    expect(await spamProbability("zorblax")).toBeGreaterThan(0.7);

    expect(await undoDecisions(moderator, [spamEvent])).toMatchObject({ ok: true });
    expect(await learnFromDecisions([spam.id])).toEqual([{ commentId: spam.id, was: "spam", now: null }]);
    expect(await stored()).toEqual({ spam: starter.spam, ham: starter.ham + 1 });
    expect((await database.db.comment.findUniqueOrThrow({ where: { id: spam.id } })).spamTrainedAs).toBeNull();
    expect(await spamProbability("zorblax")).toBe(0.5);
  });

  it("moves a comment marked spam by mistake from spam to ham when a moderator publishes it", async () => {
    const mistaken = await comment("Actually a genuine question about dosage.", "SPAM");
    await learnFromDecisions([mistaken.id]);
    expect(await stored()).toEqual({ spam: starter.spam + 1, ham: starter.ham });
    await database.db.comment.update({ where: { id: mistaken.id }, data: { status: "APPROVED" } });
    await learnFromDecisions([mistaken.id]);
    expect(await stored()).toEqual({ spam: starter.spam, ham: starter.ham + 1 });
  });

  it("loses no lesson when many moderators' decisions are learnt at the same moment, through separate connections", async () => {
    // PostgreSQL: three clients of their own, as three instances would be. SQLite: one process
    // holds one connection (better-sqlite3 waits for a lock synchronously, so a second connection
    // in the same process would wait on the first for ever); its transactions still interleave.
    const separate = testProvider === "postgresql";
    const clients: Database[] = separate ? [createDatabase(database.target), createDatabase(database.target), createDatabase(database.target)] : [database.db, database.db, database.db];
    try {
      const comments = await Promise.all(Array.from({ length: 24 }, (_, index) => comment(`Lesson ${index} word${index}`, index % 3 === 0 ? "SPAM" : "APPROVED")));
      // Each comment learnt twice, from different connections, all at once.
      const results = await Promise.all(comments.flatMap((row, index) => [learnFromDecisions([row.id], clients[index % 3]!), learnFromDecisions([row.id], clients[(index + 1) % 3]!)]));
      expect(results.reduce((sum, changed) => sum + changed.length, 0)).toBe(24);
      expect(await stored()).toEqual({ spam: starter.spam + 8, ham: starter.ham + 16 });
      const row = await database.db.spamModel.findUniqueOrThrow({ where: { id: SPAM_MODEL_ID } });
      // Each comment's own word (its bucket) counted exactly once.
      for (let index = 0; index < 24; index++) expect(JSON.parse(row.model)[2][index % 3 === 0 ? "spam" : "ham"][spamFeatures(`word${index}`)[0]!]).toBe(1);
    } finally {
      if (separate) await Promise.all(clients.map((client) => client.$disconnect()));
    }
  });
});

describe("scoring comments as they arrive", () => {
  const input = (body: string) => ({ postId, body, acceptTerms: true as const, termsVersion: 1, submissionKey: randomUUID(), notifyReplies: false });

  it("stores each comment's score, and sends one over the site's threshold to Spam with its rating", async () => {
    const marked = await comment("Cheap flumoxin for sale, flumoxin delivered overnight, best flumoxin prices.");
    await decide(marked.id, "SPAM");
    await learnFromDecisions([marked.id]);
    const reader = await makeViewer(database.db);
    const first = await submitComment(reader, input("Where can I read the flumoxin trial's protocol?"));
    expect(first).toMatchObject({ ok: true, comment: { status: "PENDING" } });

    await database.db.setting.create({ data: { key: "spamThresholdPercent", value: "90" } });
    settingsChanged();
    try {
      const second = await submitComment(await makeViewer(database.db), input("Cheap flumoxin, flumoxin prices, flumoxin for sale"));
      const row = await database.db.comment.findUniqueOrThrow({ where: { id: second.ok ? second.comment.id : "" } });
      expect(row.spamScore).toBeGreaterThanOrEqual(0.9);
      expect(row).toMatchObject({ status: "SPAM", heldReason: expect.stringMatching(/^spam: the filter rates it \d+% likely spam \(the threshold is 90%\)$/) });
    } finally {
      await database.db.setting.delete({ where: { key: "spamThresholdPercent" } });
      settingsChanged();
    }
    const firstRow = await database.db.comment.findUniqueOrThrow({ where: { id: first.ok ? first.comment.id : "" } });
    expect(firstRow.spamScore).toBeGreaterThan(0);
    expect(firstRow.spamScore).toBeLessThan(1);
  });

  it("sorts the pending queue most likely spam first, unscored last, page after page", async () => {
    const scores = [0.2, null, 0.95, 0.5, 0.95, null, 0.01];
    const rows = [];
    for (const [index, spamScore] of scores.entries()) {
      rows.push(await database.db.comment.create({ data: { postId, authorId: author.id, body: `Scored ${index}`, status: "PENDING", spamScore, createdAt: new Date(Date.UTC(2026, 0, 1, 0, index)) } }));
    }
    const slug = (await database.db.post.findUniqueOrThrow({ where: { id: postId } })).slug;
    const seen: (number | null)[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue(moderator, "pending", { post: slug, sort: "spam" }, cursor, 2);
      seen.push(...page.items.map((item) => item.spamScore));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([0.95, 0.95, 0.5, 0.2, 0.01, null, null]);
    const oldestFirst = await listQueue(moderator, "pending", { post: slug }, undefined, 10);
    expect(oldestFirst.items.map((item) => item.id)).toEqual(rows.map((row) => row.id));
  });
});
