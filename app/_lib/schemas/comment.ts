import { z } from "zod";
import { stripControl } from "./text";
import { removeInvisibleCharacters } from "@/app/_lib/content/invisible";

import { COMMENT_MAX, HONEYPOT_FIELD } from "./limits";
import { formattingMarkers, MAX_FORMATTING_MARKERS, MAX_NESTING, nestingDepth } from "@/app/_lib/content/nesting";
import { recordId } from "./ids";

export { COMMENT_MAX, HONEYPOT_FIELD };


/** Line endings made uniform and control characters (other than newline and tab) removed. */
export function normalizeCommentText(text: string): string {
  return stripControl(text).trim();
}

const OUT_OF_DATE = "This form is out of date. Reload the page and try again.";
const id = recordId(OUT_OF_DATE);

export const commentBody = z
  .string({ error: "Write your comment before posting it." })
  .transform(normalizeCommentText)
  .pipe(
    z
      .string()
      .refine((text) => removeInvisibleCharacters(text).trim().length > 0, "Write your comment before posting it.")
      .refine((text) => text.length <= COMMENT_MAX, {
        error: (issue) =>
          `Comments can be at most ${COMMENT_MAX.toLocaleString("en")} characters; yours has ${String(issue.input).length.toLocaleString("en")}.`,
      })
      .refine((text) => nestingDepth(text) <= MAX_NESTING, {
        error: (issue) => `Quotes and lists can be nested at most ${MAX_NESTING} deep; this comment nests them ${nestingDepth(String(issue.input)).toLocaleString("en")} deep.`,
      })
      .refine((text) => formattingMarkers(text) <= MAX_FORMATTING_MARKERS, {
        error: (issue) =>
          `A comment can use at most ${MAX_FORMATTING_MARKERS} emphasis and link marks (* _ ~ [); this one has ${formattingMarkers(String(issue.input)).toLocaleString("en")}.`,
      }),
  );

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** The comment form, shared by the form component and the action. */
export const commentInput = z.object({
  postId: id,
  parentId: z.preprocess((value) => (value === "" ? undefined : value), id.optional()),
  body: commentBody,
  acceptTerms: z.preprocess(
    (value) => value === "on" || value === "true" || value === true,
    z.literal(true, { error: "Tick the box to agree to the Terms and Conditions before posting." }),
  ),
  termsVersion: z.coerce.number({ error: OUT_OF_DATE }).int(OUT_OF_DATE).positive(OUT_OF_DATE).max(1_000_000, OUT_OF_DATE),
  submissionKey: z.uuid({ error: "This form has expired. Reload the page and try again." }),
  notifyReplies: checkbox.optional().default(false),
  // The signed time the form was drawn, and the field people never see: judged, never refused,
  // so a script learns nothing from the answer.
  formToken: z.string().max(1000).optional().catch(undefined),
  [HONEYPOT_FIELD]: z.string().max(COMMENT_MAX).optional().catch("filled"),
});
export type CommentInput = z.infer<typeof commentInput>;
export type CommentField = "postId" | "parentId" | "body" | "acceptTerms" | "termsVersion" | "submissionKey" | "notifyReplies" | "formToken" | typeof HONEYPOT_FIELD | "form";

/** The fields a reader sees; errors on the hidden ones are reported for the whole form. */
export const VISIBLE_COMMENT_FIELDS = ["body", "acceptTerms"] as const;

export const editCommentInput = z.object({ commentId: id, body: commentBody });
export type EditCommentInput = z.infer<typeof editCommentInput>;

export const commentIdInput = z.object({ commentId: id });
