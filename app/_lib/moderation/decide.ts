import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, refusalFor } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { decisionMailSelect, mailDecision } from "@/app/_lib/mail/notify";
import { renderCommentMarkdown } from "@/app/_lib/content/markdown";
import type { Transaction } from "@/app/_lib/db/client";
import { UNDO_WINDOW_MS } from "@/app/_lib/schemas/limits";
import { recordDecisions } from "@/app/_lib/operations/record";
import { announceDecided } from "./live";
import { isRecordNotFound } from "@/app/_lib/db/errors";

export type Decision = "APPROVE" | "REJECT" | "SPAM" | "TRASH" | "RESTORE";
export type CommentStatus = "PENDING" | "APPROVED" | "REJECTED" | "SPAM" | "TRASH";

/** What a decision's audit event keeps, so that an undo can put the comment back as it was. */
export type DecisionDetail = {
  from: CommentStatus;
  to: CommentStatus;
  revision: number;
  previous?: { decidedAt: string | null; decidedById: string | null; rejectionReason: string | null };
};

const target: Record<Decision, CommentStatus> = { APPROVE: "APPROVED", REJECT: "REJECTED", SPAM: "SPAM", TRASH: "TRASH", RESTORE: "PENDING" };
const pastTense: Record<CommentStatus, string> = { PENDING: "restored to pending", APPROVED: "approved", REJECTED: "rejected", SPAM: "marked as spam", TRASH: "trashed" };

/** What the moderator saw: the comment's status and the revision of its text they read. */
export type DecisionInput = { commentId: string; decision: Decision; expectedStatus: CommentStatus; expectedRevision: number; reason?: string };
/** The text as it is now, when it changed after the moderator read it. */
export type ChangedText = { bodyHtml: string; revision: number };
export type DecisionResult =
  | { ok: true; postSlug: string; status: CommentStatus; eventId: string; submittedAt: Date }
  | { ok: false; message: string; code: "forbidden" | "not-found" | "conflict" | "invalid"; changed?: ChangedText };

type Tx = Transaction;

function allowed(decision: Decision, from: CommentStatus): boolean {
  if (decision === "RESTORE") return from !== "PENDING";
  return target[decision] !== from;
}

/** Why a decision found the comment changed: "Already approved by Ann", or a new text to read. */
async function conflict(tx: Tx, input: DecisionInput): Promise<Extract<DecisionResult, { ok: false }>> {
  const now = await tx.comment.findUnique({ where: { id: input.commentId }, select: { status: true, body: true, revision: true, decidedBy: { select: { name: true } } } });
  if (!now) return { ok: false, code: "conflict", message: "This comment no longer exists." };
  if (now.status === input.expectedStatus && now.revision !== input.expectedRevision) {
    return {
      ok: false,
      code: "conflict",
      message: "This comment was edited after you opened it. Read the new text, then decide.",
      changed: { bodyHtml: renderCommentMarkdown(now.body), revision: now.revision },
    };
  }
  if (now.status === "PENDING") return { ok: false, code: "conflict", message: "This comment was restored to pending by someone else. Reload to see it." };
  return { ok: false, code: "conflict", message: `Already ${pastTense[now.status]}${now.decidedBy ? ` by ${now.decidedBy.name}` : ""}.` };
}

/**
 * Applies one decision inside a transaction, only if the comment is still in the state the
 * moderator saw (a conditional update), and writes the audit event in the same transaction.
 */
async function decideIn(tx: Tx, moderator: Viewer, input: DecisionInput, now: Date): Promise<DecisionResult> {
  if (!allowed(input.decision, input.expectedStatus)) return { ok: false, code: "invalid", message: "That decision does not apply to this comment." };
  const status = target[input.decision];
  // A pending comment has no earlier decision to keep; any other had one, which an undo restores.
  const previous =
    input.expectedStatus === "PENDING"
      ? undefined
      : await tx.comment.findUnique({ where: { id: input.commentId }, select: { decidedAt: true, decidedById: true, rejectionReason: true } });
  let comment;
  try {
    // One statement changes the comment and reads what the audit event, the answer and the
    // decision's emails need; it matches only the text the moderator read (an edit since then
    // raised the revision).
    comment = await tx.comment.update({
      where: { id: input.commentId, status: input.expectedStatus, revision: input.expectedRevision },
      data: {
        status,
        decidedAt: status === "PENDING" ? null : now,
        decidedById: status === "PENDING" ? null : moderator.id,
        rejectionReason: status === "REJECTED" ? (input.reason?.trim() || null) : null,
      },
      select: { postId: true, createdAt: true, ...decisionMailSelect },
    });
  } catch (error) {
    if (isRecordNotFound(error)) return conflict(tx, input);
    throw error;
  }
  const detail: DecisionDetail = {
    from: input.expectedStatus,
    to: status,
    revision: input.expectedRevision,
    ...(previous ? { previous: { ...previous, decidedAt: previous.decidedAt?.toISOString() ?? null } } : {}),
  };
  const event = await tx.moderationEvent.create({
    select: { id: true },
    data: {
      action: input.decision,
      moderatorId: moderator.id,
      commentId: input.commentId,
      subjectUserId: comment.authorId,
      postId: comment.postId,
      reason: input.reason?.trim() || null,
      detail: JSON.stringify(detail),
      createdAt: now,
    },
  });
  if (status === "APPROVED" || status === "REJECTED") {
    await mailDecision(tx, comment, status, { undoable: { eventId: event.id, until: new Date(now.getTime() + UNDO_WINDOW_MS) } });
  }
  // Deciding a reported comment settles its open reports.
  if (status !== "APPROVED" && status !== "PENDING") {
    await tx.report.updateMany({ where: { commentId: input.commentId, resolvedAt: null }, data: { resolvedAt: now, resolvedById: moderator.id, resolution: status } });
  }
  return { ok: true, postSlug: comment.post.slug, status, eventId: event.id, submittedAt: comment.createdAt };
}

export async function decideComment(viewer: Viewer | null, input: DecisionInput, now = new Date()): Promise<DecisionResult> {
  if (!hasRole(viewer, "MODERATOR")) return { ok: false, code: "forbidden", message: refusalFor(viewer, "You do not have access.") };
  const result = await db.$transaction((tx) => decideIn(tx, viewer, input, now));
  if (result.ok) {
    recordDecisions(input.decision, [result.submittedAt], now);
    announceDecided([input.commentId], result.status, viewer!.id);
  }
  return result;
}

export type BulkResult = { ok: true; applied: number; postSlugs: string[]; eventIds: string[] } | { ok: false; message: string; code: "forbidden" | "conflict" | "invalid" };

/**
 * One decision for many comments in one transaction: all apply, or (when any was decided
 * meanwhile) none do and the moderator is told which.
 */
export async function decideComments(
  viewer: Viewer | null,
  items: { commentId: string; expectedStatus: CommentStatus; expectedRevision: number }[],
  decision: Decision,
  reason?: string,
  now = new Date(),
): Promise<BulkResult> {
  if (!hasRole(viewer, "MODERATOR")) return { ok: false, code: "forbidden", message: refusalFor(viewer, "You do not have access.") };
  if (items.length === 0) return { ok: false, code: "invalid", message: "Select at least one comment." };
  try {
    return await db.$transaction(async (tx) => {
      const slugs = new Set<string>();
      const eventIds: string[] = [];
      const submittedAts: Date[] = [];
      for (const item of items) {
        const result = await decideIn(tx, viewer, { ...item, decision, reason }, now);
        if (!result.ok) throw new BulkConflict(result.message);
        slugs.add(result.postSlug);
        eventIds.push(result.eventId);
        submittedAts.push(result.submittedAt);
      }
      return { ok: true as const, applied: items.length, postSlugs: [...slugs], eventIds, submittedAts };
    }).then(({ submittedAts, ...result }) => {
      recordDecisions(decision, submittedAts, now);
      announceDecided(items.map((item) => item.commentId), target[decision], viewer!.id);
      return result;
    });
  } catch (error) {
    if (error instanceof BulkConflict) return { ok: false, code: "conflict", message: `Nothing was changed: ${error.message}` };
    throw error;
  }
}

class BulkConflict extends Error {}
