"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { TextField } from "@/app/_components/text-field";
import { confirmTwoFactorAction, type CodesState } from "@/app/_lib/actions/two-factor";
import { idleState } from "@/app/_lib/actions/form-state";
import { RecoveryCodes } from "./recovery-codes";

/**
 * The last step of the set-up; once it succeeds it shows the recovery codes until they are saved,
 * while the page around it already shows two-factor on.
 */
export function TwoFactorConfirmForm({ awaitingCode }: { awaitingCode: boolean }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(confirmTwoFactorAction, idleState as CodesState<"code" | "password">);
  const [saved, setSaved] = useState(false);
  if (state.status === "success" && state.recoveryCodes && !saved) {
    return (
      <>
        <p className="form-success">{state.message}</p>
        <RecoveryCodes codes={state.recoveryCodes} />
        <button
          type="button"
          className="button"
          onClick={() => {
            setSaved(true);
            router.refresh();
          }}
        >
          I have saved my recovery codes
        </button>
      </>
    );
  }
  if (!awaitingCode) return null;
  return (
    <form action={action} aria-label="Confirm two-factor authentication" className="form" noValidate>
      <TextField id="two-factor-confirm-password" name="password" label="Current password" type="password" autoComplete="current-password" required key={`password-${state.attempt}`} errors={state.errors?.password} />
      <TextField
        id="two-factor-confirm-code"
        name="code"
        label="Code from your authenticator app"
        hint="Six digits; a new one every 30 seconds."
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        key={`code-${state.attempt}`}
        errors={state.errors?.code}
      />
      <p aria-live="polite" className="form-error">
        {state.status === "error" ? state.message : null}
      </p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Checking…" : "Turn on two-factor authentication"}
      </button>
    </form>
  );
}
