"use client";

import { useActionState } from "react";
import { unsubscribeAction } from "@/app/_lib/actions/unsubscribe";
import { idleState } from "@/app/_lib/actions/form-state";

export function UnsubscribeForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(unsubscribeAction, idleState);
  return (
    <form action={action}>
      <input type="hidden" name="token" value={token} />
      <div aria-live="polite" aria-atomic="true">
        {state.message && <p className={state.status === "success" ? "form-success" : "form-error"}>{state.message}</p>}
      </div>
      {state.status !== "success" && (
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Unsubscribing…" : "Unsubscribe"}
        </button>
      )}
    </form>
  );
}
