"use client";

import { useActionState } from "react";
import { TextField } from "@/app/_components/text-field";
import { changeEmailAction } from "@/app/_lib/actions/account-security";
import { idleState, type FormState } from "@/app/_lib/actions/form-state";

export function ChangeEmailForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action, pending] = useActionState(changeEmailAction, idleState as FormState<"newEmail" | "password">);
  return (
    <form action={action} aria-label="Change email address" className="form" noValidate>
      <TextField
        id="new-email"
        name="newEmail"
        label="New email address"
        type="email"
        autoComplete="email"
        required
        hint="We send a link there; your address changes when you open it, and we tell your current address."
        key={`email-${state.attempt}`}
        defaultValue={state.status === "success" ? undefined : state.values?.newEmail}
        errors={state.errors?.newEmail}
      />
      {hasPassword && (
        <TextField id="email-password" name="password" label="Your password" type="password" autoComplete="current-password" required key={`password-${state.attempt}`} errors={state.errors?.password} />
      )}
      <p aria-live="polite" className={state.status === "error" ? "form-error" : "form-success"}>
        {state.message}
      </p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Sending…" : "Change email address"}
      </button>
    </form>
  );
}
