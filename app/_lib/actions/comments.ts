"use server";

import { refresh } from "next/cache";
import { getViewer } from "@/app/_lib/auth/viewer";
import { sendQueuedMailSoon } from "@/app/_lib/mail/send-soon";
import { postChanged } from "@/app/_lib/posts/cache";
import { commentHtml } from "@/app/_lib/content/markdown";
import { deleteOwnComment, editOwnComment } from "@/app/_lib/comments/own";
import { submitComment as submit, type Screening } from "@/app/_lib/comments/submit";
import { commentIdInput, commentInput, editCommentInput, HONEYPOT_FIELD, VISIBLE_COMMENT_FIELDS, type CommentField } from "@/app/_lib/schemas/comment";
import { getSettings } from "@/app/_lib/settings";
import { judgeSubmission } from "@/app/_lib/spam/bot-check";
import { checkCommentFormToken, commentFormToken } from "@/app/_lib/spam/comment-form-token";
import { akismetConfigured, akismetSaysSpam } from "@/app/_lib/spam/akismet";
import { clientAddress } from "@/app/_lib/rate-limit";
import { siteUrl } from "@/app/_lib/site-url";
import { headers } from "next/headers";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

/** The stored comment as its author's page draws it in place, with no re-render of the post. */
export type SubmittedComment = {
  id: string;
  parentId: string | null;
  authorName: string;
  body: string;
  bodyHtml: string;
  status: "PENDING" | "APPROVED" | "REJECTED" | "TRASH";
  createdAt: string;
};

export type CommentFormState = FormState<CommentField | "submissionKey" | "formToken"> & { commentId?: string; published?: boolean; comment?: SubmittedComment };

/** Posts a comment or reply; it waits for moderation. */
export async function submitComment(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["body", "acceptTerms", "notifyReplies", "submissionKey"]);
  const attempt = Date.now();
  const parsed = commentInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors = fieldErrors<CommentField>(parsed.error);
    const hidden = Object.entries(errors).find(([field]) => !(VISIBLE_COMMENT_FIELDS as readonly string[]).includes(field));
    return { status: "error", errors, message: hidden?.[1]?.[0], values, attempt };
  }

  let result: Awaited<ReturnType<typeof submit>>;
  let viewer: Awaited<ReturnType<typeof getViewer>> = null;
  try {
    viewer = await getViewer();
    let screening: Screening = { spamReason: null };
    if (viewer) {
      const now = new Date();
      const { minSecondsToComment } = await getSettings();
      const token = checkCommentFormToken(parsed.data.formToken, viewer.id, parsed.data.postId, now);
      const verdict = judgeSubmission({ honeypot: parsed.data[HONEYPOT_FIELD], token, minSeconds: minSecondsToComment });
      if (verdict.kind === "stale") {
        // A person came back to a page left open for a day: their words stay in the form, and the
        // fresh form counts as drawn long enough ago for them to post it again at once.
        const fresh = commentFormToken(viewer.id, parsed.data.postId, new Date(now.getTime() - minSecondsToComment * 1000));
        return { status: "error", message: "This page was opened more than a day ago. Check your comment, then post it again.", values: { ...values, formToken: fresh }, attempt };
      }
      screening = { spamReason: verdict.kind === "bot" ? verdict.reason : null };
      // With AKISMET_KEY, Akismet is asked too (by submit, once nothing refuses the comment), for
      // at most a couple of seconds: no answer is no verdict.
      if (akismetConfigured()) {
        const request = await headers();
        const reader = viewer;
        screening.akismetSaysSpam = async (postSlug) => {
          const verdict = await akismetSaysSpam({
            content: parsed.data.body,
            authorName: reader.name,
            authorEmail: reader.email,
            address: clientAddress(request),
            userAgent: request.get("user-agent") ?? "",
            permalink: `${siteUrl()}/posts/${postSlug}`,
          });
          return verdict === true;
        };
      }
    }
    result = await submit(viewer, parsed.data, undefined, screening);
  } catch (error) {
    // The database went away mid-request (a restart, a dropped connection). Nothing was
    // acknowledged, so the reader is told plainly; the same submission key makes a retry safe.
    console.error("Comment submission failed", error);
    return { status: "error", message: "We could not save your comment just now. Please try again in a moment.", values, attempt };
  }
  if (!result.ok) {
    const errors = result.field === "form" ? undefined : { [result.field]: [result.message] };
    return { status: "error", message: result.field === "form" ? result.message : undefined, errors, values, attempt };
  }
  const { comment } = result;
  // A comment held for moderation changes nothing anyone else sees, and its author's page draws
  // it from this response: nothing is invalidated and the post is not rendered again. A comment
  // the rules published at once changes every reader's page.
  if (comment.status === "APPROVED" && !result.replayed) postChanged(result.postSlug);
  if (!result.replayed) sendQueuedMailSoon();
  const submitted: SubmittedComment = {
    id: comment.id,
    parentId: comment.parentId,
    authorName: viewer?.name ?? "",
    body: comment.body,
    bodyHtml: commentHtml(comment),
    // As in the thread: an author is not told that a filter took their comment for spam.
    status: comment.status === "SPAM" ? "PENDING" : comment.status,
    createdAt: comment.createdAt.toISOString(),
  };
  // A new key for the next comment from the same (now cleared) form.
  return {
    status: "success",
    commentId: comment.id,
    published: comment.status === "APPROVED",
    comment: submitted,
    values: { submissionKey: crypto.randomUUID() },
    attempt,
  };
}

export async function editComment(_previous: FormState<"body" | "commentId">, formData: FormData): Promise<FormState<"body" | "commentId">> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["body"]);
  const attempt = Date.now();
  const parsed = editCommentInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };
  const result = await editOwnComment(await getViewer(), parsed.data);
  if (!result.ok) return { status: "error", message: result.message, values, attempt };
  // Only pending comments can be edited by their authors; their page shows the new text.
  postChanged(result.postSlug, { visible: false });
  refresh();
  return { status: "success", values, attempt };
}

export async function deleteComment(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const parsed = commentIdInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: "Unknown comment." };
  const result = await deleteOwnComment(await getViewer(), parsed.data.commentId);
  if (!result.ok) return { status: "error", message: result.message };
  postChanged(result.postSlug, { visible: result.wasPublished === true });
  refresh();
  return { status: "success" };
}
