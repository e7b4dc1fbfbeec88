"use client";

import { useActionState, useId, useState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { deleteComment, editComment } from "@/app/_lib/actions/comments";
import { idleState } from "@/app/_lib/actions/form-state";
import { COMMENT_MAX } from "@/app/_lib/schemas/limits";

/** Edit (while pending) and delete controls on the author's own comment. */
export function OwnCommentControls({ commentId, editableBody }: { commentId: string; editableBody: string | null }) {
  const [mode, setMode] = useState<"idle" | "editing" | "confirming">("idle");
  const [editState, editAction, editing] = useActionState(editComment, idleState);
  const [deleteState, deleteAction, deleting] = useActionState(deleteComment, idleState);
  const id = useId();
  const editErrors = editState.errors ?? {};
  const showEditor = mode === "editing" && !(editState.status === "success" && editState.attempt);

  return (
    <div className="own-controls">
      {showEditor && editableBody !== null ? (
        <form action={editAction} className="form" noValidate onSubmit={() => undefined}>
          <input type="hidden" name="commentId" value={commentId} />
          <div className="field">
            <label htmlFor={`${id}-edit`}>Edit your comment</label>
            <textarea
              id={`${id}-edit`}
              name="body"
              rows={5}
              maxLength={COMMENT_MAX}
              key={`edit-${editState.attempt}`}
              defaultValue={editState.values?.body ?? editableBody}
              aria-invalid={Boolean(editErrors.body)}
              aria-describedby={`${id}-edit-error`}
            />
            <FieldError id={`${id}-edit-error`} errors={editErrors.body} />
          </div>
          {editState.message && <p className="form-error" role="alert">{editState.message}</p>}
          <div className="form-actions">
            <button type="submit" className="button" disabled={editing}>
              {editing ? "Saving…" : "Save changes"}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setMode("idle")}>
              Cancel editing
            </button>
          </div>
        </form>
      ) : mode === "confirming" ? (
        <form action={deleteAction} className="inline-confirm">
          <input type="hidden" name="commentId" value={commentId} />
          <span>Delete this comment?</span>{" "}
          <button type="submit" className="link-button" disabled={deleting}>
            Yes, delete it
          </button>{" "}
          <button type="button" className="link-button" onClick={() => setMode("idle")}>
            Keep it
          </button>
        </form>
      ) : (
        <>
          {editableBody !== null && (
            <button type="button" className="link-button" onClick={() => setMode("editing")}>
              Edit
            </button>
          )}{" "}
          <button type="button" className="link-button" onClick={() => setMode("confirming")}>
            Delete
          </button>
        </>
      )}
      <div aria-live="polite">{deleteState.status === "error" && <p className="form-error">{deleteState.message}</p>}</div>
    </div>
  );
}
