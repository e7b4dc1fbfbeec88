"use client";

import { useActionState } from "react";
import { deleteAccountAction } from "@/app/_lib/actions/account";
import { idleState, type FormState } from "@/app/_lib/actions/form-state";
import { FieldError } from "@/app/_components/field-error";
import { TextField } from "@/app/_components/text-field";

export function DeleteAccountForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action, pending] = useActionState(deleteAccountAction, idleState as FormState<"password" | "comments">);
  const keep = (state.values?.comments ?? "keep") === "keep";
  return (
    <form action={action} aria-label="Delete my account" className="form danger-zone">
      <p>Your name, email address, password and sessions are removed at once and cannot be restored.</p>
      <fieldset className="field" aria-describedby="delete-comments-error" key={`comments-${state.attempt}`}>
        <legend>Your published comments</legend>
        <div className="field--inline">
          <input id="delete-keep" name="comments" type="radio" value="keep" defaultChecked={keep} />
          <label htmlFor="delete-keep">Keep them, shown as written by &ldquo;Deleted user&rdquo;</label>
        </div>
        <div className="field--inline">
          <input id="delete-remove" name="comments" type="radio" value="remove" defaultChecked={!keep} />
          <label htmlFor="delete-remove">Remove them (comments with replies stay as &ldquo;deleted&rdquo; so the replies still make sense)</label>
        </div>
        <FieldError id="delete-comments-error" errors={state.errors?.comments} />
      </fieldset>
      <TextField
        id="delete-password"
        name="password"
        type={hasPassword ? "password" : "email"}
        autoComplete={hasPassword ? "current-password" : "email"}
        label={hasPassword ? "Your password" : "Your email address"}
        required
        errors={state.errors?.password}
      />
      <div aria-live="polite" aria-atomic="true">
        {state.message && <p className="form-error">{state.message}</p>}
      </div>
      <button type="submit" className="button button--danger" disabled={pending}>
        {pending ? "Deleting…" : "Delete my account"}
      </button>
    </form>
  );
}
