"use client";

import { useActionState } from "react";
import { resendVerificationEmail } from "@/app/_lib/actions/email-verification";
import { idleState } from "@/app/_lib/actions/form-state";

export function VerificationNotice({ email }: { email: string }) {
  const [state, action, pending] = useActionState(resendVerificationEmail, idleState);
  return (
    <form action={action} aria-label="Verify your email address" className="form">
      <p>
        {email} is not verified yet: open the link we emailed you. Until then your comments wait for a moderator.
      </p>
      <button type="submit" className="button button--quiet" disabled={pending}>
        {pending ? "Sending…" : "Send the link again"}
      </button>
      <p aria-live="polite" className={state.status === "error" ? "form-error" : "form-success"}>
        {state.message}
      </p>
    </form>
  );
}
