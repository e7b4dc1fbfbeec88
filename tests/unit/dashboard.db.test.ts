import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";


const { loadDashboard, median } = await import("@/app/_lib/moderation/dashboard");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe("moderation at a glance", () => {
  it("median of odd and even samples", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("counts the backlog, its oldest comment, the median wait over 7 days and 30 days of decisions by type", async () => {
    const db = database.db;
    const now = new Date("2031-06-15T12:00:00Z");
    const post = await db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: now, body: "B" } });
    const reader = await makeViewer(db);
    const moderator = await makeViewer(db, { role: "MODERATOR" });
    const comment = (createdAt: Date, status: "PENDING" | "APPROVED" = "APPROVED") => db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "x", status, createdAt } });
    await comment(new Date(now.getTime() - 3 * HOUR), "PENDING");
    await comment(new Date(now.getTime() - HOUR), "PENDING");

    // Decisions 10, 20 and 60 minutes after submission, plus a trash at 30: median 25 minutes.
    const decisions: [string, number, number][] = [
      ["APPROVE", 0, 10],
      ["REJECT", 1, 20],
      ["SPAM", 2, 60],
      ["TRASH", 3, 30],
      ["APPROVE", 40, 5], // 40 days ago: outside both windows
    ];
    for (const [action, daysAgo, waitMinutes] of decisions) {
      const decidedAt = new Date(now.getTime() - daysAgo * 24 * HOUR - MINUTE);
      const target = await comment(new Date(decidedAt.getTime() - waitMinutes * MINUTE));
      await db.moderationEvent.create({ data: { action: action as "APPROVE", moderatorId: moderator.id, commentId: target.id, postId: post.id, createdAt: decidedAt } });
    }

    expect(await loadDashboard(reader, now)).toBeNull();
    const dashboard = (await loadDashboard(moderator, now))!;
    expect(dashboard.pending).toBe(2);
    expect(dashboard.oldestPendingAt?.toISOString()).toBe("2031-06-15T09:00:00.000Z");
    expect(dashboard.decisionsLastWeek).toBe(4);
    expect(dashboard.medianDecisionMs).toBe(25 * MINUTE);
    expect(dashboard.days).toHaveLength(30);
    expect(dashboard.days.at(-1)).toEqual({ day: "2031-06-15", approved: 1, rejected: 0, spam: 0 });
    expect(dashboard.days.at(-2)).toEqual({ day: "2031-06-14", approved: 0, rejected: 1, spam: 0 });
    expect(dashboard.days.at(-3)).toEqual({ day: "2031-06-13", approved: 0, rejected: 0, spam: 1 });
    expect(dashboard.days[0]!.day).toBe("2031-05-17");
    expect(dashboard.days.reduce((sum, day) => sum + day.approved + day.rejected + day.spam, 0)).toBe(3);
  });
});
