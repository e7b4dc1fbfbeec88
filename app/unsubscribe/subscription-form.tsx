"use client";

import { useActionState } from "react";
import { changeSubscription } from "@/app/_lib/actions/unsubscribe";
import { idleState } from "@/app/_lib/actions/form-state";

/** The confirmation an emailed link asks for (Unsubscribe), then Undo (subscribe again). */
export function SubscriptionForm({ token, subscribed, describedBy }: { token: string; subscribed: boolean; describedBy: string }) {
  const [state, action, pending] = useActionState(changeSubscription, idleState);
  return (
    <form action={action} className="form">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="subscribe" value={subscribed ? "false" : "true"} />
      <div aria-live="polite" aria-atomic="true">
        {state.message && <p className={state.status === "success" ? "form-success" : "form-error"}>{state.message}</p>}
      </div>
      <button type="submit" className="button" disabled={pending} aria-describedby={describedBy}>
        {subscribed ? "Unsubscribe" : "Undo: subscribe again"}
      </button>
    </form>
  );
}
