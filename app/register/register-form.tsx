"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { FieldError } from "@/app/_components/field-error";
import { idleState } from "@/app/_lib/actions/form-state";
import { registerAccount } from "@/app/_lib/actions/register";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/app/_lib/schemas/account";

export function RegisterForm({ returnTo }: { returnTo: string }) {
  const [state, formAction, pending] = useActionState(registerAccount, idleState);
  const router = useRouter();
  const password = useRef("");

  useEffect(() => {
    if (state.status !== "success" || !state.values?.email) return;
    void signIn("credentials", { email: state.values.email, password: password.current, redirect: false }).then((result) => {
      router.push(result?.ok ? returnTo : `/login?callbackUrl=${encodeURIComponent(returnTo)}`);
      router.refresh();
    });
  }, [state, returnTo, router]);

  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="form" noValidate onSubmit={(event) => (password.current = new FormData(event.currentTarget).get("password") as string)}>
      <div className="field">
        <label htmlFor="name">Name</label>
        <input
          id="name"
          name="name"
          type="text"
          autoComplete="name"
          required
          key={`name-${state.attempt}`}
          defaultValue={state.values?.name}
          aria-invalid={Boolean(errors.name)}
          aria-describedby="name-error"
        />
        <FieldError id="name-error" errors={errors.name} />
      </div>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          key={`email-${state.attempt}`}
          defaultValue={state.values?.email}
          aria-invalid={Boolean(errors.email)}
          aria-describedby="email-error"
        />
        <FieldError id="email-error" errors={errors.email} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          aria-invalid={Boolean(errors.password)}
          aria-describedby="password-hint password-error"
        />
        <p id="password-hint" className="hint">
          {PASSWORD_MIN} to {PASSWORD_MAX} characters.
        </p>
        <FieldError id="password-error" errors={errors.password} />
      </div>
      <p role="status" className={state.status === "success" ? "form-success" : "form-error"}>
        {state.status === "success" ? "Account created. Signing you in…" : state.message}
      </p>
      <button type="submit" className="button" disabled={pending || state.status === "success"}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
