"use client";

import { useActionState } from "react";
import { TextField } from "@/app/_components/text-field";
import { idleState, type FormState } from "@/app/_lib/actions/form-state";
import { requestPasswordResetAction } from "@/app/_lib/actions/password-reset";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestPasswordResetAction, idleState as FormState<"email">);
  return (
    <form action={action} className="form" noValidate>
      <TextField id="email" name="email" label="Email" type="email" autoComplete="email" required key={`email-${state.attempt}`} defaultValue={state.values?.email} errors={state.errors?.email} />
      <p role="status" className={state.status === "success" ? "form-success" : "form-error"}>
        {state.message}
      </p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Sending…" : "Email me a link"}
      </button>
    </form>
  );
}
