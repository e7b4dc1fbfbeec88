import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, refusalFor } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { isUniqueViolation } from "@/app/_lib/db/errors";
import { commentingBlockedReason } from "@/app/_lib/users/standing";

type ReportReason = "SPAM" | "ABUSE" | "OFF_TOPIC" | "MEDICAL_MISINFORMATION" | "OTHER";
export type ReportResult = { ok: true } | { ok: false; message: string };

/** A signed-in reader reports a published comment (once per comment). */
export async function reportComment(viewer: Viewer | null, input: { commentId: string; reason: ReportReason; text?: string }): Promise<ReportResult> {
  if (!viewer) return { ok: false, message: "You must be logged in to report a comment." };
  const blocked = commentingBlockedReason(viewer);
  if (blocked) return { ok: false, message: blocked };
  const comment = await db.comment.findUnique({ where: { id: input.commentId }, select: { status: true, authorId: true, deletedAt: true } });
  if (!comment || comment.status !== "APPROVED" || comment.deletedAt) return { ok: false, message: "Only published comments can be reported." };
  if (comment.authorId === viewer.id) return { ok: false, message: "You cannot report your own comment." };
  try {
    await db.report.create({ data: { commentId: input.commentId, reporterId: viewer.id, reason: input.reason, text: input.text || null } });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: true };
    throw error;
  }
  return { ok: true };
}

/** A moderator keeps the comment and closes its open reports. */
export async function dismissReports(viewer: Viewer | null, commentId: string, now = new Date()): Promise<{ ok: true; dismissed: number; eventId: string } | { ok: false; message: string }> {
  if (!hasRole(viewer, "MODERATOR")) return { ok: false, message: refusalFor(viewer, "You do not have access.") };
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.findUnique({ where: { id: commentId }, select: { postId: true, authorId: true } });
    if (!comment) return { ok: false as const, message: "This comment no longer exists." };
    const resolved = await tx.report.updateMany({ where: { commentId, resolvedAt: null }, data: { resolvedAt: now, resolvedById: viewer.id, resolution: "DISMISSED" } });
    if (resolved.count === 0) return { ok: false as const, message: "These reports were already handled." };
    const event = await tx.moderationEvent.create({
      select: { id: true },
      data: { action: "DISMISS_REPORTS", moderatorId: viewer.id, commentId, postId: comment.postId, subjectUserId: comment.authorId, detail: JSON.stringify({ reports: resolved.count }), createdAt: now },
    });
    return { ok: true as const, dismissed: resolved.count, eventId: event.id };
  });
}
