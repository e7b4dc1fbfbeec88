"use client";

import Link from "next/link";
import { useActionState } from "react";
import { confirmEmailAction } from "@/app/_lib/actions/email-verification";
import { idleState } from "@/app/_lib/actions/form-state";

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmEmailAction, idleState);
  return (
    <form action={action} className="form">
      <input type="hidden" name="token" value={token} />
      {state.status !== "success" && <p>Press Confirm to finish. Nothing has changed yet.</p>}
      <div role="status" aria-live="polite" aria-atomic="true">
        {state.message && <p className={state.status === "success" ? "form-success" : "form-error"}>{state.message}</p>}
        {state.status === "success" && (
          <p>
            <Link prefetch={false} href="/account">Go to your account page</Link>
          </p>
        )}
      </div>
      {state.status !== "success" && (
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Confirming…" : "Confirm"}
        </button>
      )}
    </form>
  );
}
