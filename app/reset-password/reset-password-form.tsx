"use client";

import Link from "next/link";
import { useActionState } from "react";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { idleState, type FormState } from "@/app/_lib/actions/form-state";
import { resetPasswordAction } from "@/app/_lib/actions/password-reset";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, idleState as FormState<"password" | "token">);
  if (state.status === "success") {
    return (
      <div role="status">
        <p>{state.message}</p>
        <p>
          <Link prefetch={false} href="/login">Sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="form" noValidate>
      <input type="hidden" name="token" value={token} />
      <NewPasswordField id="password" name="password" label="New password" errors={state.errors?.password} />
      <p role="alert" className="form-error">
        {state.message}
      </p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Save the new password"}
      </button>
    </form>
  );
}
