"use client";

import { useActionState } from "react";
import { TextField } from "@/app/_components/text-field";
import { regenerateRecoveryCodesAction, turnOffTwoFactorAction, type CodesState } from "@/app/_lib/actions/two-factor";
import { idleState } from "@/app/_lib/actions/form-state";
import { RecoveryCodes } from "./recovery-codes";

const KINDS = {
  off: { action: turnOffTwoFactorAction, name: "Turn off two-factor authentication", button: "Turn off two-factor", busy: "Turning off…" },
  regenerate: { action: regenerateRecoveryCodesAction, name: "New recovery codes", button: "Make new recovery codes", busy: "Making them…" },
} as const;

/** A change that weakens or re-arms two-factor, confirmed with the password or a code. */
export function TwoFactorChangeForm({ kind, hasPassword }: { kind: keyof typeof KINDS; hasPassword: boolean }) {
  const { action: serverAction, name, button, busy } = KINDS[kind];
  // Turning off answers without codes; both answer the same state shape.
  const [state, action, pending] = useActionState(serverAction as typeof regenerateRecoveryCodesAction, idleState as CodesState<"password" | "code">);
  const id = `two-factor-${kind}`;
  return (
    <form action={action} aria-label={name} className="form" noValidate>
      {hasPassword && <TextField id={`${id}-password`} name="password" label="Current password" type="password" autoComplete="current-password" key={`p-${state.attempt}`} errors={state.errors?.password} />}
      <TextField
        id={`${id}-code`}
        name="code"
        label={hasPassword ? "Or a code from your authenticator app (or a recovery code)" : "Code from your authenticator app (or a recovery code)"}
        autoComplete="one-time-code"
        key={`c-${state.attempt}`}
        errors={hasPassword ? state.errors?.code : [...(state.errors?.password ?? []), ...(state.errors?.code ?? [])]}
      />
      <p aria-live="polite" className={state.status === "error" ? "form-error" : "form-success"}>
        {state.message}
      </p>
      {state.status === "success" && state.recoveryCodes && <RecoveryCodes codes={state.recoveryCodes} />}
      <button type="submit" className={kind === "off" ? "button button--quiet" : "button"} disabled={pending}>
        {pending ? busy : button}
      </button>
    </form>
  );
}
