"use server";

import { revalidatePath } from "next/cache";
import { getViewer } from "@/app/_lib/auth/viewer";
import { sendQueuedMailSoon } from "@/app/_lib/mail/send-soon";
import { postChanged } from "@/app/_lib/posts/cache";
import { decideComment, decideComments, type ChangedText } from "@/app/_lib/moderation/decide";
import { editAsModerator } from "@/app/_lib/moderation/edit";
import { dismissReports as dismiss } from "@/app/_lib/moderation/reports";
import { bulkDecisionInput, decisionInput, dismissReportsInput, moderatorEditInput } from "@/app/_lib/schemas/moderation";

export type ModerationActionResult = { ok: true; bodyHtml?: string; revision?: number; applied?: number } | { ok: false; message: string; changed?: ChangedText };

const invalid = (message = "That request was not understood. Reload the page and try again."): ModerationActionResult => ({ ok: false, message });

/** The posts whose threads changed, the index's counts, and the queue's tab counts. */
function revalidatePosts(slugs: string[]) {
  for (const slug of new Set(slugs)) postChanged(slug);
  revalidatePath("/");
  revalidatePath("/moderation", "layout");
  sendQueuedMailSoon();
}

/** Approve, reject, spam, trash or restore one comment. */
export async function decide(input: unknown): Promise<ModerationActionResult> {
  const parsed = decisionInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const result = await decideComment(await getViewer(), parsed.data);
  if (!result.ok) return { ok: false, message: result.message, changed: result.changed };
  revalidatePosts([result.postSlug]);
  return { ok: true };
}

/** The same decision for every selected comment, in one transaction. */
export async function decideMany(input: unknown): Promise<ModerationActionResult> {
  const parsed = bulkDecisionInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const result = await decideComments(await getViewer(), parsed.data.items, parsed.data.decision, parsed.data.reason);
  if (!result.ok) return { ok: false, message: result.message };
  revalidatePosts(result.postSlugs);
  return { ok: true, applied: result.applied };
}

export async function editAsModeratorAction(input: unknown): Promise<ModerationActionResult> {
  const parsed = moderatorEditInput.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const result = await editAsModerator(await getViewer(), parsed.data);
  if (!result.ok) return result;
  revalidatePosts([result.postSlug]);
  return { ok: true, bodyHtml: result.bodyHtml, revision: result.revision };
}

export async function dismissReports(input: unknown): Promise<ModerationActionResult> {
  const parsed = dismissReportsInput.safeParse(input);
  if (!parsed.success) return invalid();
  const result = await dismiss(await getViewer(), parsed.data.commentId);
  if (!result.ok) return result;
  revalidatePath("/moderation", "layout");
  return { ok: true };
}
