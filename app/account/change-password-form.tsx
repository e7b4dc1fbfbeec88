"use client";

import { useActionState } from "react";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { TextField } from "@/app/_components/text-field";
import { changePasswordAction } from "@/app/_lib/actions/account-security";
import { idleState, type FormState } from "@/app/_lib/actions/form-state";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, idleState as FormState<"currentPassword" | "newPassword">);
  return (
    <form action={action} aria-label="Change password" className="form" noValidate>
      <TextField id="current-password" name="currentPassword" label="Current password" type="password" autoComplete="current-password" required key={`current-${state.attempt}`} errors={state.errors?.currentPassword} />
      <NewPasswordField id="new-password" name="newPassword" label="New password" hintAfter="Every other session is signed out." key={`new-${state.attempt}`} errors={state.errors?.newPassword} />
      <p aria-live="polite" className={state.status === "error" ? "form-error" : "form-success"}>
        {state.message}
      </p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
