import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, refusalFor } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { providerOf, type Transaction } from "@/app/_lib/db/client";
import { UNDO_WINDOW_MS } from "@/app/_lib/schemas/limits";
import type { DecisionDetail } from "./decide";
import { recordUndos } from "@/app/_lib/operations/record";

export type UndoResult = { ok: true; postSlugs: string[]; undone: number } | { ok: false; code: "forbidden" | "conflict" | "invalid"; message: string };

const DECISIONS = ["APPROVE", "REJECT", "SPAM", "TRASH", "RESTORE"] as const;
const NOTHING_TO_UNDO = "There is no decision of yours to undo.";
const CHANGED = "Not undone: the comment was changed or answered after your decision.";

class UndoRefused extends Error {}

async function lockCommentRow(tx: Transaction, commentId: string): Promise<void> {
  if (providerOf(db) === "postgresql") await tx.$queryRaw`SELECT "id" FROM "Comment" WHERE "id" = ${commentId} FOR UPDATE`;
}

function parseDetail(detail: string | null): DecisionDetail | null {
  try {
    const parsed = JSON.parse(detail ?? "") as Partial<DecisionDetail>;
    return parsed.from && parsed.to && typeof parsed.revision === "number" ? (parsed as DecisionDetail) : null;
  } catch {
    return null;
  }
}

/**
 * Takes one decision back: a conditional decision of its own. It applies only while the comment
 * is exactly as that decision left it (same status, same text, no later event on it), puts back
 * its status and earlier decision, reopens the reports it settled, withdraws its emails (which
 * wait out the window, so none has left) and writes its own audit event.
 */
async function undoIn(tx: Transaction, moderator: Viewer, eventId: string, now: Date): Promise<string> {
  const event = await tx.moderationEvent.findUnique({
    where: { id: eventId },
    select: { id: true, action: true, moderatorId: true, commentId: true, subjectUserId: true, postId: true, detail: true, createdAt: true, post: { select: { slug: true } } },
  });
  // Only the moderator who decided takes it back: another moderator decides afresh instead.
  if (!event || !event.commentId || event.moderatorId !== moderator.id) throw new UndoRefused(NOTHING_TO_UNDO);
  if (now.getTime() - event.createdAt.getTime() >= UNDO_WINDOW_MS) throw new UndoRefused("Too late to undo: decide on the comment again from its tab.");
  // Nothing decided or edited on it since, and no reply written to it since (a reply to a comment
  // published a moment ago would be left hanging from one taken back).
  const nothingSince = {
    events: { none: { id: { not: event.id }, createdAt: { gte: event.createdAt } } },
    replies: { none: { createdAt: { gte: event.createdAt } } },
  };
  if (event.action === "DISMISS_REPORTS") {
    // The reports it closed open again, while nothing was decided on the comment since. Every
    // decision writes the comment's row, so holding that row first makes a decision committing
    // meanwhile either wait for this undo or be seen by the check below (a new statement sees
    // what committed before it on PostgreSQL; SQLite transactions already take turns).
    await lockCommentRow(tx, event.commentId);
    if ((await tx.comment.count({ where: { id: event.commentId, ...nothingSince } })) !== 1) throw new UndoRefused(CHANGED);
    const reopened = await tx.report.updateMany({
      where: { commentId: event.commentId, resolvedAt: event.createdAt, resolvedById: moderator.id, resolution: "DISMISSED" },
      data: { resolvedAt: null, resolvedById: null, resolution: null },
    });
    if (reopened.count === 0) throw new UndoRefused(CHANGED);
    await logUndo(tx, moderator, event, { reports: reopened.count }, now);
    return event.post?.slug ?? "";
  }
  const detail = parseDetail(event.detail);
  if (!detail || !(DECISIONS as readonly string[]).includes(event.action)) throw new UndoRefused(NOTHING_TO_UNDO);
  const previous = detail.previous;
  const restored = await tx.comment.updateMany({
    where: {
      id: event.commentId,
      status: detail.to,
      revision: detail.revision,
      ...nothingSince,
    },
    data: {
      status: detail.from,
      decidedAt: previous?.decidedAt ? new Date(previous.decidedAt) : null,
      decidedById: previous?.decidedById ?? null,
      rejectionReason: previous?.rejectionReason ?? null,
    },
  });
  if (restored.count !== 1) throw new UndoRefused(CHANGED);
  await tx.report.updateMany({
    where: { commentId: event.commentId, resolvedAt: event.createdAt, resolvedById: moderator.id, resolution: detail.to },
    data: { resolvedAt: null, resolvedById: null, resolution: null },
  });
  await tx.outboxMessage.deleteMany({ where: { causeEventId: event.id, status: "QUEUED" } });
  // A delivery run that claimed one of its emails first wins: the decision stands.
  if ((await tx.outboxMessage.count({ where: { causeEventId: event.id } })) > 0) throw new UndoRefused("Too late to undo: its email has already gone.");
  await logUndo(tx, moderator, event, { from: detail.to, to: detail.from }, now);
  return event.post?.slug ?? "";
}

type UndoneEvent = { id: string; action: string; commentId: string | null; subjectUserId: string | null; postId: string | null };

/** The undo's own audit event, naming the event it took back, which is marked undone. */
async function logUndo(tx: Transaction, moderator: Viewer, event: UndoneEvent, change: Record<string, unknown>, now: Date) {
  await tx.moderationEvent.update({ where: { id: event.id }, data: { undoneAt: now } });
  await tx.moderationEvent.create({
    data: {
      action: "UNDO",
      moderatorId: moderator.id,
      commentId: event.commentId,
      subjectUserId: event.subjectUserId,
      postId: event.postId,
      detail: JSON.stringify({ undoes: event.id, action: event.action, ...change }),
      createdAt: now,
    },
  });
}

/** Undoes one decision, or every decision of a bulk action: all of them, or none. */
export async function undoDecisions(viewer: Viewer | null, eventIds: string[], now = new Date()): Promise<UndoResult> {
  if (!hasRole(viewer, "MODERATOR")) return { ok: false, code: "forbidden", message: refusalFor(viewer, "You do not have access.") };
  if (eventIds.length === 0) return { ok: false, code: "invalid", message: "There is nothing to undo." };
  try {
    const result = await db.$transaction(async (tx) => {
      const slugs = new Set<string>();
      for (const eventId of new Set(eventIds)) slugs.add(await undoIn(tx, viewer, eventId, now));
      slugs.delete("");
      return { ok: true as const, postSlugs: [...slugs], undone: new Set(eventIds).size };
    });
    recordUndos(result.undone);
    return result;
  } catch (error) {
    if (error instanceof UndoRefused) return { ok: false, code: "conflict", message: error.message };
    throw error;
  }
}
