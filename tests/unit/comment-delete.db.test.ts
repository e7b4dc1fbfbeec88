import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const { deleteOwnComment } = await import("@/app/_lib/comments/own");
const { deleteAccount } = await import("@/app/_lib/account/delete");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

async function threadWithReply(parentStatus: "APPROVED" | "REJECTED" | "PENDING" | "SPAM") {
  const { db } = database;
  const post = await db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B" } });
  const author = await makeViewer(db);
  const replier = await makeViewer(db);
  // Published, answered, and only then decided otherwise by a moderator (or still pending after a restore).
  const parent = await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "The first words.", status: parentStatus } });
  const reply = await db.comment.create({ data: { postId: post.id, authorId: replier.id, parentId: parent.id, body: "Another reader's reply.", status: "APPROVED" } });
  await db.commentRevision.create({ data: { commentId: reply.id, body: "The reply before an edit." } });
  await db.report.create({ data: { commentId: reply.id, reporterId: author.id, reason: "OTHER" } });
  return { author, replier, parent, reply };
}

describe("deleting one's own comment never removes another reader's", () => {
  it.each(["APPROVED", "REJECTED", "PENDING", "SPAM"] as const)("a %s comment with a reply is emptied in place; the reply, its history and its reports stay", async (status) => {
    const { db } = database;
    const { author, parent, reply } = await threadWithReply(status);
    expect(await deleteOwnComment(author, parent.id)).toMatchObject({ ok: true });
    expect(await db.comment.findUniqueOrThrow({ where: { id: parent.id } })).toMatchObject({ body: "", deletedAt: expect.any(Date) });
    expect(await db.comment.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({ body: "Another reader's reply.", parentId: parent.id });
    expect(await db.commentRevision.count({ where: { commentId: reply.id } })).toBe(1);
    expect(await db.report.count({ where: { commentId: reply.id } })).toBe(1);
  });

  it("a comment without replies is removed outright", async () => {
    const { db } = database;
    const { replier, reply } = await threadWithReply("APPROVED");
    expect(await deleteOwnComment(replier, reply.id)).toMatchObject({ ok: true });
    expect(await db.comment.findUnique({ where: { id: reply.id } })).toBeNull();
  });

  it("deleting an account and its comments keeps every reply from others, with their history", async () => {
    const { db } = database;
    const { author, parent, reply } = await threadWithReply("REJECTED");
    await db.user.update({ where: { id: author.id }, data: { passwordHash: null } });
    expect(await deleteAccount(author, { password: author.email, comments: "remove" })).toMatchObject({ ok: true });
    expect(await db.comment.findUniqueOrThrow({ where: { id: parent.id } })).toMatchObject({ body: "", deletedAt: expect.any(Date) });
    expect(await db.comment.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({ body: "Another reader's reply." });
    expect(await db.commentRevision.count({ where: { commentId: reply.id } })).toBe(1);
  });
});
