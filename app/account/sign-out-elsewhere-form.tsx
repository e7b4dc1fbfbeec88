"use client";

import { useActionState } from "react";
import { signOutEverywhereElseAction } from "@/app/_lib/actions/account-security";
import { idleState } from "@/app/_lib/actions/form-state";

export function SignOutElsewhereForm() {
  const [state, action, pending] = useActionState(signOutEverywhereElseAction, idleState);
  return (
    <form action={action} aria-label="Other sessions" className="form">
      {/* Not labelled "Sign out…": the header's Sign out button already ends every session, this one too. */}
      <p>Signs out every other browser and device where your account is signed in; you stay signed in here.</p>
      <button type="submit" className="button button--quiet" disabled={pending}>
        {pending ? "Ending them…" : "End every other session"}
      </button>
      <p aria-live="polite" className={state.status === "error" ? "form-error" : "form-success"}>
        {state.message}
      </p>
    </form>
  );
}
