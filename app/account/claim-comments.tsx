"use client";

import { useActionState } from "react";
import { claimEarlierComments } from "@/app/_lib/actions/account";
import { idleState } from "@/app/_lib/actions/form-state";

const comments = (count: number) => (count === 1 ? "1 comment" : `${count} comments`);

/**
 * Offers the comments written as a guest from the reader's verified address. Always rendered
 * (as nothing when there are none), so the outcome stays on screen after the page is drawn again
 * with nothing left to claim.
 */
export function ClaimComments({ count }: { count: number }) {
  const [state, action, pending] = useActionState(claimEarlierComments, idleState);
  if (count === 0 && state.status === "idle") return null;
  const them = count === 1 ? "it" : "them";
  return (
    <section aria-labelledby="claim-heading">
      <h2 id="claim-heading">Comments from before you had an account</h2>
      {count > 0 ? (
        <form action={action}>
          <p>
            {comments(count)} from your earlier address: claim {them} to show {them} under your name.
          </p>
          <button type="submit" className="button" disabled={pending}>
            Claim {them}
          </button>
        </form>
      ) : null}
      <p aria-live="polite" className={state.status === "error" ? "form-error" : "form-success"}>
        {state.message}
      </p>
    </section>
  );
}
