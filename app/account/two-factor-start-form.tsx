"use client";

import { useActionState } from "react";
import { startTwoFactorAction } from "@/app/_lib/actions/two-factor";
import { idleState } from "@/app/_lib/actions/form-state";

export function TwoFactorStartForm({ again = false }: { again?: boolean }) {
  const [state, action, pending] = useActionState(startTwoFactorAction, idleState);
  return (
    <form action={action} aria-label={again ? "Start two-factor set-up again" : "Set up two-factor authentication"} className="form">
      <button type="submit" className={again ? "button button--quiet" : "button"} disabled={pending}>
        {again ? "Start again with a new key" : "Set up two-factor authentication"}
      </button>
      <p aria-live="polite" className="form-error">
        {state.status === "error" ? state.message : null}
      </p>
    </form>
  );
}
