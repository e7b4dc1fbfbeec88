"use client";

import { useActionState } from "react";
import { markNotificationsRead } from "@/app/_lib/actions/account";
import { idleState } from "@/app/_lib/actions/form-state";

export function MarkReadForm() {
  const [state, action, pending] = useActionState(markNotificationsRead, idleState);
  return (
    <form action={action}>
      <button type="submit" className="button button--quiet" disabled={pending}>
        Mark all as read
      </button>
      <p aria-live="polite" className={state.status === "error" ? "form-error" : "form-success"}>
        {state.message}
      </p>
    </form>
  );
}
