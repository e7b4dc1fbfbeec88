"use client";

import { useActionState } from "react";
import { saveReplyEmails } from "@/app/_lib/actions/account";
import { idleState } from "@/app/_lib/actions/form-state";

/** One button per comment: its label says what pressing it does. */
export function ReplyEmailsToggle({ commentId, on }: { commentId: string; on: boolean }) {
  const [state, action, pending] = useActionState(saveReplyEmails, idleState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="notifyReplies" value={on ? "false" : "true"} />
      <span>{on ? "On" : "Off"} </span>
      <button type="submit" className="link-button" disabled={pending}>
        {on ? "Turn off" : "Turn on"}
        <span className="visually-hidden"> reply emails for this comment</span>
      </button>
      <span aria-live="polite" className={state.status === "error" ? "form-error" : "visually-hidden"}>
        {state.message}
      </span>
    </form>
  );
}
