import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { migrate } from "@/prisma/migrate";
import { createEmptyDatabase } from "../support/test-database";

let empty: Awaited<ReturnType<typeof createEmptyDatabase>>;
let db: Database | undefined;
beforeAll(async () => {
  empty = await createEmptyDatabase();
});
afterAll(async () => {
  await db?.$disconnect();
  await empty.drop();
});

describe("upgrading a database that holds threads", () => {
  it("the hardening migration keeps every comment, reply, revision, report and event, and replies no longer cascade", async () => {
    await migrate(empty.target, "20261125120000_reader_experience");
    const before = createDatabase(empty.target);
    // Written in SQL: the generated client already knows columns this database does not have yet.
    for (const statement of [
      `INSERT INTO "Post" ("id", "slug", "title", "authorName", "publishedAt", "body", "updatedAt") VALUES ('post', 'upgrade', 'Upgrade', 'A', CURRENT_TIMESTAMP, 'Text.', CURRENT_TIMESTAMP)`,
      `INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('author', 'author@example.com', 'Author', CURRENT_TIMESTAMP), ('other', 'other@example.com', 'Other', CURRENT_TIMESTAMP)`,
      `INSERT INTO "Comment" ("id", "postId", "authorId", "parentId", "body", "status", "updatedAt") VALUES ('parent', 'post', 'author', NULL, 'Parent', 'APPROVED', CURRENT_TIMESTAMP)`,
      `INSERT INTO "Comment" ("id", "postId", "authorId", "parentId", "body", "status", "updatedAt") VALUES ('reply', 'post', 'other', 'parent', 'Reply', 'APPROVED', CURRENT_TIMESTAMP)`,
      `INSERT INTO "CommentRevision" ("id", "commentId", "body") VALUES ('revision', 'reply', 'Earlier reply')`,
      `INSERT INTO "Report" ("id", "commentId", "reporterId", "reason") VALUES ('report', 'reply', 'author', 'SPAM')`,
      `INSERT INTO "ModerationEvent" ("id", "action", "commentId", "moderatorId") VALUES ('event', 'APPROVE', 'reply', 'author')`,
    ]) {
      await before.$executeRawUnsafe(statement);
    }
    const [parent, reply, author] = [{ id: "parent" }, { id: "reply" }, { id: "author" }];
    await before.$disconnect();

    expect(await migrate(empty.target)).toContain("20261125200000_hardening");
    db = createDatabase(empty.target);
    expect(await db.comment.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({ parentId: parent.id, body: "Reply", revision: 1 });
    expect(await db.commentRevision.count({ where: { commentId: reply.id } })).toBe(1);
    expect(await db.report.count({ where: { commentId: reply.id } })).toBe(1);
    expect(await db.moderationEvent.count({ where: { commentId: reply.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: author.id } })).sessionVersion).toBe(0);

    // The database itself refuses to delete a comment that has replies.
    await expect(db.comment.delete({ where: { id: parent.id } })).rejects.toThrow();
    expect(await db.comment.count({ where: { id: { in: [parent.id, reply.id] } } })).toBe(2);
  });

  it("the performance migration counts the comments already stored into the queue's tallies", async () => {
    const fresh = await createEmptyDatabase();
    try {
      await migrate(fresh.target, "20261125200000_hardening");
      const before = createDatabase(fresh.target);
      await before.$executeRawUnsafe(`INSERT INTO "Post" ("id", "slug", "title", "authorName", "publishedAt", "body", "updatedAt") VALUES ('post', 'tallies', 'T', 'A', CURRENT_TIMESTAMP, 'Text.', CURRENT_TIMESTAMP)`);
      for (const [index, status] of ["PENDING", "PENDING", "PENDING", "APPROVED", "SPAM"].entries()) {
        await before.$executeRawUnsafe(`INSERT INTO "Comment" ("id", "postId", "guestName", "body", "status", "updatedAt") VALUES ('c${index}', 'post', 'G', 'Words', '${status}', CURRENT_TIMESTAMP)`);
      }
      await before.$disconnect();
      expect(await migrate(fresh.target)).toContain("20261126000000_performance");
      const after = createDatabase(fresh.target);
      try {
        const totals = await after.commentTally.findMany();
        expect(Object.fromEntries(totals.map((row) => [row.status, row.count]))).toEqual({ PENDING: 3, APPROVED: 1, REJECTED: 0, SPAM: 1, TRASH: 0 });
        // Rows from before have no stored rendering yet: they are rendered when read.
        expect(await after.comment.count({ where: { bodyHtml: null } })).toBe(5);
      } finally {
        await after.$disconnect();
      }
    } finally {
      await fresh.drop();
    }
  });
});
