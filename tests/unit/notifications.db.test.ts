import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const { listUnseenNotifications, markNotificationsSeen, unseenNotificationCount } = await import("@/app/_lib/account/notifications");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

describe("the header's count of unseen notifications", () => {
  it("counts published replies by others to the reader's comments and moderators' decisions, as the list shows them", async () => {
    const { db } = database;
    const reader = await makeViewer(db);
    const other = await makeViewer(db);
    const moderator = await makeViewer(db, { role: "MODERATOR" });
    const post = await db.post.create({ data: { slug: `n-${randomUUID()}`, title: "N", authorName: "A", publishedAt: new Date(), body: "B" } });
    const seen = new Date(Date.UTC(2030, 0, 1));
    await markNotificationsSeen(reader, seen);
    const later = new Date(seen.getTime() + 60_000);
    const earlier = new Date(seen.getTime() - 60_000);
    const own = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Mine", status: "APPROVED", decidedAt: later, decidedById: moderator.id } });
    await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Refused", status: "REJECTED", decidedAt: later, decidedById: moderator.id } });
    // Not counted: a comment a rule published, one decided before they looked, one deleted since.
    await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "By a rule", status: "APPROVED", decidedAt: later } });
    await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Old news", status: "APPROVED", decidedAt: earlier, decidedById: moderator.id } });
    await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Gone", status: "APPROVED", decidedAt: later, decidedById: moderator.id, deletedAt: later } });
    const othersComment = await db.comment.create({ data: { postId: post.id, authorId: other.id, body: "Theirs", status: "APPROVED", decidedAt: later } });
    const reply = (data: object) => db.comment.create({ data: { postId: post.id, parentId: own.id, body: "Reply", status: "APPROVED", decidedAt: later, ...data } });
    await reply({ authorId: other.id });
    await reply({ guestName: "A guest" });
    // Not counted: the reader's own reply, one deleted, one waiting, one published before they looked, one to someone else.
    await reply({ authorId: reader.id });
    await reply({ authorId: other.id, deletedAt: later });
    await reply({ authorId: other.id, status: "PENDING", decidedAt: null });
    await reply({ authorId: other.id, decidedAt: earlier });
    await db.comment.create({ data: { postId: post.id, parentId: othersComment.id, authorId: moderator.id, body: "Elsewhere", status: "APPROVED", decidedAt: later } });

    const listed = await listUnseenNotifications(reader);
    expect(listed.map((item) => item.kind).sort()).toEqual(["decision", "decision", "reply", "reply"]);
    expect(await unseenNotificationCount(reader)).toBe(4);
    // The other reader never looked: one reply; their comment's approval came from a rule.
    expect(await unseenNotificationCount(other)).toBe(1);
    await markNotificationsSeen(reader, new Date(later.getTime() + 1));
    expect(await unseenNotificationCount(reader)).toBe(0);
  });
});
