import { z } from "zod";
import { commentBody } from "./comment";
import { cleanText } from "./text";
import { isSlug, recordId } from "./ids";
import { CONTEXTS_PER_REQUEST } from "./limits";

const id = recordId();
export const commentStatus = z.enum(["PENDING", "APPROVED", "REJECTED", "SPAM", "TRASH"]);
export const decision = z.enum(["APPROVE", "REJECT", "SPAM", "TRASH", "RESTORE"]);
const reason = cleanText().pipe(z.string().max(500, "Keep the reason under 500 characters.")).optional();


// The revision of the text the moderator read: a decision never applies to words they did not see.
const expectedRevision = z.number({ error: "This queue is out of date. Reload the page and try again." }).int().positive().max(1_000_000);

/**
 * The queue's filters as the moderator's page holds them, so a decision can answer with the tab
 * counts that page shows. Only what the page itself would accept.
 */
const filterText = cleanText().pipe(z.string().max(200)).optional();
export const queueFiltersInput = z
  .object({ post: z.string().refine(isSlug).optional(), author: filterText, q: filterText })
  .optional();

export const decisionInput = z.object({ commentId: id, decision, expectedStatus: commentStatus, expectedRevision, reason, filters: queueFiltersInput });
export type DecisionInputData = z.infer<typeof decisionInput>;

export const bulkDecisionInput = z.object({
  items: z.array(z.object({ commentId: id, expectedStatus: commentStatus, expectedRevision })).min(1, "Select at least one comment.").max(100),
  decision,
  reason,
  filters: queueFiltersInput,
});

export const undoInput = z.object({ eventIds: z.array(id).min(1, "There is nothing to undo.").max(100), filters: queueFiltersInput });

/** The queue's request for the contexts of the comments coming up: `?ids=a,b,c`. */
export const contextIdsInput = z
  .string({ error: "Name the comments." })
  .transform((value) => [...new Set(value.split(",").map((part) => part.trim()).filter((part) => part !== ""))])
  .pipe(z.array(id).min(1, "Name the comments.").max(CONTEXTS_PER_REQUEST, `Ask for at most ${CONTEXTS_PER_REQUEST} comments at a time.`));

export const moderatorEditInput = z.object({ commentId: id, body: commentBody, reason });

export const dismissReportsInput = z.object({ commentId: id, filters: queueFiltersInput });

export const reportReason = z.enum(["SPAM", "ABUSE", "OFF_TOPIC", "MEDICAL_MISINFORMATION", "OTHER"], "Choose why you are reporting this comment.");
export const reportInput = z
  .object({
    commentId: id,
    reason: reportReason,
    text: cleanText().pipe(z.string().max(1000, "Keep the details under 1,000 characters.")).optional(),
  })
  .refine((value) => value.reason !== "OTHER" || Boolean(value.text), { path: ["text"], message: "Tell us what is wrong with this comment." });
