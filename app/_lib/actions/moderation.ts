"use server";

import { getViewer, type Viewer } from "@/app/_lib/auth/viewer";
import { sendQueuedMailSoon } from "@/app/_lib/mail/send-soon";
import { postChanged } from "@/app/_lib/posts/cache";
import { decideComment, decideComments, type ChangedText } from "@/app/_lib/moderation/decide";
import { editAsModerator } from "@/app/_lib/moderation/edit";
import { undoDecisions } from "@/app/_lib/moderation/undo";
import { learnSoon } from "@/app/_lib/spam/train";
import { UNDO_WINDOW_MS } from "@/app/_lib/schemas/limits";
import { dismissReports as dismiss } from "@/app/_lib/moderation/reports";
import { countsAfterChange, type QueueFilters, type Tab } from "@/app/_lib/moderation/queue";
import { bulkDecisionInput, decisionInput, dismissReportsInput, moderatorEditInput, undoInput } from "@/app/_lib/schemas/moderation";

/**
 * `counts`: the queue's tabs under the moderator's filters after the change, and `pending`: the
 * whole queue's pending count (the header's), so the page updates without being drawn again.
 */
export type ModerationActionResult =
  | { ok: true; bodyHtml?: string; revision?: number; applied?: number; counts?: Record<Tab, number>; pending?: number; eventIds?: string[] }
  | { ok: false; message: string; changed?: ChangedText };

const invalid = (message = "That request was not understood. Reload the page and try again."): ModerationActionResult => ({ ok: false, message });

/**
 * After a decision: the visitors' pages of the posts whose threads changed are dropped, the
 * emails it queued are sent, and the moderator's page gets its new counts in the answer (the
 * queue already took the item out) rather than the whole page drawn again.
 */
async function afterDecision(viewer: Viewer | null, slugs: string[], filters: QueueFilters | undefined) {
  for (const slug of new Set(slugs)) postChanged(slug);
  // A decision's emails wait until it can no longer be undone.
  sendQueuedMailSoon({ afterMs: UNDO_WINDOW_MS + 500 });
  return countsAfterChange(viewer, filters);
}

// Each action reads who is asking once and hands it on: React's cache(), which makes getViewer
// one database read per page render, does not span an action's work.

/** Approve, reject, spam, trash or restore one comment. */
export async function decide(input: unknown): Promise<ModerationActionResult> {
  const parsed = decisionInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const viewer = await getViewer();
  const result = await decideComment(viewer, parsed.data);
  if (!result.ok) return { ok: false, message: result.message, changed: result.changed };
  learnSoon({ commentIds: [parsed.data.commentId] });
  return { ok: true, eventIds: [result.eventId], ...(await afterDecision(viewer, [result.postSlug], parsed.data.filters)) };
}

/** The same decision for every selected comment, in one transaction. */
export async function decideMany(input: unknown): Promise<ModerationActionResult> {
  const parsed = bulkDecisionInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const viewer = await getViewer();
  const result = await decideComments(viewer, parsed.data.items, parsed.data.decision, parsed.data.reason);
  if (!result.ok) return { ok: false, message: result.message };
  learnSoon({ commentIds: parsed.data.items.map((item) => item.commentId) });
  return { ok: true, applied: result.applied, eventIds: result.eventIds, ...(await afterDecision(viewer, result.postSlugs, parsed.data.filters)) };
}

/** Takes back a decision (or a bulk decision) made moments ago, within its undo window. */
export async function undo(input: unknown): Promise<ModerationActionResult> {
  const parsed = undoInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const viewer = await getViewer();
  const result = await undoDecisions(viewer, parsed.data.eventIds);
  if (!result.ok) return { ok: false, message: result.message };
  learnSoon({ eventIds: parsed.data.eventIds });
  for (const slug of result.postSlugs) postChanged(slug);
  return { ok: true, applied: result.undone, ...(await countsAfterChange(viewer, parsed.data.filters)) };
}

export async function editAsModeratorAction(input: unknown): Promise<ModerationActionResult> {
  const parsed = moderatorEditInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const result = await editAsModerator(await getViewer(), parsed.data);
  if (!result.ok) return result;
  postChanged(result.postSlug);
  return { ok: true, bodyHtml: result.bodyHtml, revision: result.revision };
}

export async function dismissReports(input: unknown): Promise<ModerationActionResult> {
  const parsed = dismissReportsInput.safeParse(input);
  if (!parsed.success) return invalid();
  const viewer = await getViewer();
  const result = await dismiss(viewer, parsed.data.commentId);
  if (!result.ok) return result;
  return { ok: true, eventIds: [result.eventId], ...(await countsAfterChange(viewer, parsed.data.filters)) };
}
