"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { TextField } from "@/app/_components/text-field";
import { idleState } from "@/app/_lib/actions/form-state";
import { registerAccount } from "@/app/_lib/actions/register";

/**
 * After a registration the form says the same thing whether the address was new or had an
 * account already (the email says which), so the person is not signed in here: they sign in.
 */
export function RegisterForm({ returnTo }: { returnTo: string }) {
  const [state, formAction, pending] = useActionState(registerAccount, idleState);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form is gone with the button that had focus: keyboard users continue from the message.
  useEffect(() => {
    if (state.status === "success") heading.current?.focus();
  }, [state.status]);

  if (state.status === "success") {
    return (
      <div role="status">
        <h2 ref={heading} tabIndex={-1}>
          Check your email
        </h2>
        <p>
          We have sent a message to {state.values?.email} with the next step. If the address is new here, the message holds a link that confirms the address is yours. You can
          sign in now.
        </p>
        <p>
          <Link prefetch={false} href={`/login?callbackUrl=${encodeURIComponent(returnTo)}`}>Sign in</Link>
        </p>
      </div>
    );
  }

  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="form" noValidate>
      <TextField id="name" name="name" label="Name" type="text" autoComplete="name" required key={`name-${state.attempt}`} defaultValue={state.values?.name} errors={errors.name} />
      <TextField id="email" name="email" label="Email" type="email" autoComplete="email" required key={`email-${state.attempt}`} defaultValue={state.values?.email} errors={errors.email} />
      <NewPasswordField id="password" name="password" label="Password" errors={errors.password} />
      <p role="status" className="form-error">
        {state.message}
      </p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
