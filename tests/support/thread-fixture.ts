import { randomUUID } from "node:crypto";
import type { Database } from "@/app/_lib/db/client";
import { makeViewer } from "./viewer";

/**
 * A post with one pending and one published comment by the same author, and a reader's open
 * report on the published one: what the permission tests act on.
 */
export async function threadFixture(db: Database) {
  const post = await db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B" } });
  const author = await makeViewer(db);
  const reader = await makeViewer(db);
  const pending = await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "Pending words", status: "PENDING" } });
  const approved = await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "Published words", status: "APPROVED" } });
  await db.report.create({ data: { commentId: approved.id, reporterId: reader.id, reason: "OTHER", text: "x" } });
  return { post, author, reader, pendingId: pending.id, approvedId: approved.id };
}

/** Everything an action could touch, to prove a refusal changed nothing. */
export async function databaseSnapshot(db: Database): Promise<string> {
  return JSON.stringify(
    await Promise.all([
      db.comment.findMany({ orderBy: { id: "asc" } }),
      db.user.findMany({
        orderBy: { id: "asc" },
        select: { id: true, name: true, email: true, role: true, status: true, trusted: true, alwaysPremoderate: true, statusReason: true, notifyOnDecision: true, moderatorAlerts: true, notificationsSeenAt: true, deletedAt: true, emailVerified: true, passwordHash: true, sessionVersion: true },
      }),
      db.outboxMessage.count(),
      db.accountToken.findMany({ orderBy: { id: "asc" } }),
      db.post.findMany({ orderBy: { id: "asc" } }),
      db.report.findMany({ orderBy: { id: "asc" } }),
      db.setting.findMany({ orderBy: { key: "asc" } }),
      db.termsVersion.count(),
      db.moderationEvent.count(),
      db.commentRevision.count(),
      db.termsAcceptance.count(),
    ]),
  );
}
