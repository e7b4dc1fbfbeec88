"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { TextField } from "@/app/_components/text-field";
import { idleState } from "@/app/_lib/actions/form-state";
import { registerAccount } from "@/app/_lib/actions/register";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/app/_lib/schemas/limits";

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
      <TextField id="name" name="name" label="Name" type="text" autoComplete="name" required key={`name-${state.attempt}`} defaultValue={state.values?.name} errors={errors.name} />
      <TextField id="email" name="email" label="Email" type="email" autoComplete="email" required key={`email-${state.attempt}`} defaultValue={state.values?.email} errors={errors.email} />
      <TextField
        id="password"
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`}
        errors={errors.password}
      />
      <p role="status" className={state.status === "success" ? "form-success" : "form-error"}>
        {state.status === "success" ? "Account created. Signing you in…" : state.message}
      </p>
      <button type="submit" className="button" disabled={pending || state.status === "success"}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
