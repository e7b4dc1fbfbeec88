"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TextField } from "@/app/_components/text-field";
import { signInInput } from "@/app/_lib/schemas/account";

type Errors = { email?: string[]; password?: string[]; form?: string };

/** Signs in through NextAuth's credentials endpoint; the schema is the one the server applies. */
export function LoginForm({ returnTo, oauthProviders, linking }: { returnTo: string; oauthProviders: { id: string; name: string }[]; linking?: { token: string; email: string } }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = signInInput.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      const fields: Errors = {};
      for (const issue of parsed.error.issues) (fields[issue.path[0] as "email" | "password"] ??= []).push(issue.message);
      setErrors(fields);
      return;
    }
    setPending(true);
    setErrors({});
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    setPending(false);
    if (!result?.ok) {
      // NextAuth reports a plain failure as "CredentialsSignin"; a rate limit or a ban comes with its own words.
      setErrors({ form: result?.error && result.error !== "CredentialsSignin" ? result.error : "Invalid email or password." });
      return;
    }
    router.push(returnTo);
    router.refresh();
  }

  return (
    <>
      <form onSubmit={onSubmit} className="form" noValidate>
        <TextField id="email" name="email" label="Email" type="email" autoComplete="email" required errors={errors.email} defaultValue={linking?.email} />
        {linking && <input type="hidden" name="linkToken" value={linking.token} />}
        <TextField id="password" name="password" label="Password" type="password" autoComplete="current-password" required errors={errors.password} />
        <p role="alert" className="form-error">
          {errors.form}
        </p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oauthProviders.length > 0 && (
        <section aria-labelledby="oauth-heading">
          <h2 id="oauth-heading">Or sign in with</h2>
          <ul className="oauth-list">
            {oauthProviders.map((provider) => (
              <li key={provider.id}>
                <button type="button" className="button button--quiet" onClick={() => void signIn(provider.id, { callbackUrl: returnTo })}>
                  {provider.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
