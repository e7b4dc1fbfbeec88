"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { submitComment, type CommentFormState, type SubmittedComment } from "@/app/_lib/actions/comments";
import { COMMENT_MAX, HONEYPOT_FIELD } from "@/app/_lib/schemas/limits";
import { CommentArticle } from "./comment-article";
import { OwnCommentControls } from "./own-comment-controls";

type Props = {
  postId: string;
  termsVersion: number;
  submissionKey: string;
  /** When the page drew this form, signed (see app/_lib/spam/form-token.ts). */
  formToken: string;
  /**
   * Changes whenever the server renders the page again. A comment this form stored is drawn here
   * until then; after it, the server's thread holds the comment and this copy goes.
   */
  renderKey: string;
  parentId?: string;
  replyingTo?: string;
  onCancel?: () => void;
};

const initialState: CommentFormState = { status: "idle" };

export function CommentForm({ postId, termsVersion, submissionKey, formToken, renderKey, parentId, replyingTo, onCancel }: Props) {
  const [state, formAction, pending] = useActionState(submitComment, initialState);
  // The token of when this form was first shown: the page drawn again meanwhile (an edit of one's
  // own comment, a moderator's decision in place) brings a newer one, which would make a person
  // who has been writing for minutes look as quick as a script.
  const [firstToken] = useState(formToken);
  const [drawn, setDrawn] = useState<{ comment: SubmittedComment; renderKey: string }[]>([]);
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    const stored = state.comment;
    // A replayed request answers with the comment already drawn; it is drawn once.
    if (stored && !drawn.some((entry) => entry.comment.id === stored.id)) setDrawn([...drawn, { comment: stored, renderKey }]);
  }
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const errors = state.errors ?? {};
  const key = state.values?.submissionKey ?? submissionKey;
  const values = state.status === "success" ? {} : (state.values ?? {});

  useEffect(() => {
    if (replyingTo) textarea.current?.focus();
  }, [replyingTo]);

  const current = drawn.filter((entry) => entry.renderKey === renderKey);
  return (
    <>
      {current.length > 0 && (
        <ol className="comment-list comment-list--submitted" aria-label={replyingTo ? "Your reply" : "Your comments"}>
          {current.map(({ comment }) => (
            <li key={comment.id} id={`comment-${comment.id}`} className={comment.status === "APPROVED" ? "comment" : "comment comment--pending"}>
              <CommentArticle authorName={comment.authorName} createdAt={new Date(comment.createdAt)} status={comment.status} bodyHtml={comment.bodyHtml}>
                {comment.status === "PENDING" && <OwnCommentControls commentId={comment.id} editableBody={comment.body} />}
              </CommentArticle>
            </li>
          ))}
        </ol>
      )}
      <form action={formAction} className="form comment-form" noValidate aria-label={replyingTo ? `Reply to ${replyingTo}` : "Leave a comment"}>
        <input type="hidden" name="postId" value={postId} />
        {parentId && <input type="hidden" name="parentId" value={parentId} />}
        <input type="hidden" name="termsVersion" value={termsVersion} />
        <input type="hidden" name="submissionKey" value={key} />
        <input type="hidden" name="formToken" value={state.values?.formToken ?? firstToken} />
        {/* For scripts only: out of sight, out of the tab order, hidden from screen readers, and
            marked for autofill and password managers to leave alone. A filled one goes to Spam. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={`${id}-${HONEYPOT_FIELD}`}>Leave this field empty</label>
          <input id={`${id}-${HONEYPOT_FIELD}`} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" data-1p-ignore="true" data-lpignore="true" data-bwignore="true" data-form-type="other" defaultValue="" />
        </div>

        <div className="field">
          <label htmlFor={`${id}-body`}>{replyingTo ? `Reply to ${replyingTo}` : "Comment"}</label>
          <textarea
            ref={textarea}
            id={`${id}-body`}
            name="body"
            rows={replyingTo ? 5 : 8}
            required
            maxLength={COMMENT_MAX}
            key={`body-${state.attempt}`}
            defaultValue={values.body}
            aria-invalid={Boolean(errors.body)}
            aria-describedby={`${id}-body-hint ${id}-body-error`}
          />
          <p id={`${id}-body-hint`} className="hint">
            Up to {COMMENT_MAX.toLocaleString("en")} characters. You can use *emphasis*, **bold**, [links](https://example.org), lists, &gt; quotes and `code`.
          </p>
          <FieldError id={`${id}-body-error`} errors={errors.body} />
        </div>

        <div className="field">
          <div className="field--inline">
            <input
              id={`${id}-terms`}
              name="acceptTerms"
              type="checkbox"
              key={`terms-${state.attempt}`}
              defaultChecked={values.acceptTerms === "on"}
              aria-invalid={Boolean(errors.acceptTerms)}
              aria-describedby={`${id}-terms-error`}
            />
            <label htmlFor={`${id}-terms`}>
              I have read and agree to the{" "}
              <Link prefetch={false} href="/terms" target="_blank">
                Terms and Conditions
              </Link>{" "}
              (version {termsVersion})
            </label>
          </div>
          <FieldError id={`${id}-terms-error`} errors={errors.acceptTerms} />
        </div>

        <div className="field field--inline">
          <input id={`${id}-notify`} name="notifyReplies" type="checkbox" key={`notify-${state.attempt}`} defaultChecked={values.notifyReplies === "on"} />
          <label htmlFor={`${id}-notify`}>Notify me of follow-up comments by email</label>
        </div>

        <div aria-live="polite" aria-atomic="true">
          {state.status === "error" && state.message && <p className="form-error">{state.message}</p>}
          {state.status === "success" && (
            <p className="form-success">{state.published ? "Thank you. Your comment is published." : "Thank you. Your comment is awaiting moderation."}</p>
          )}
        </div>

        <div className="form-actions">
          <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
            {pending ? "Posting…" : replyingTo ? "Post Reply" : "Post Comment"}
          </button>
          {onCancel && (
            <button type="button" className="button button--quiet" onClick={onCancel}>
              Cancel reply
            </button>
          )}
        </div>
      </form>
    </>
  );
}
