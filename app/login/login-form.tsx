"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TextField } from "@/app/_components/text-field";
import { signInInput, type SignInInput } from "@/app/_lib/schemas/account";
import { CODE_ERROR_PREFIX, CODE_NEEDED, secondFactorCodeField } from "@/app/_lib/schemas/two-factor";

type Errors = { email?: string[]; password?: string[]; code?: string[]; form?: string };

/**
 * The second step: the password was right (or a provider vouched) and the account has two-factor
 * on. The email and password typed in the first step are sent again with the code, so no
 * half-signed-in state is kept anywhere.
 */
type CodeStep = { credentials: SignInInput } | { pendingToken: string };

/** The fields NextAuth posts: strings only, and no link token unless there is one. */
const credentialFields = ({ email, password, linkToken }: SignInInput): Record<string, string> => ({ email, password, ...(linkToken ? { linkToken } : {}) });

/** Signs in through NextAuth's credentials endpoint; the schemas are the ones the server applies. */
export function LoginForm({
  returnTo,
  oauthProviders,
  linking,
  pendingToken,
}: {
  returnTo: string;
  oauthProviders: { id: string; name: string }[];
  linking?: { token: string; email: string };
  /** A provider sign-in that stopped for the account's two-factor code. */
  pendingToken?: string;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [codeStep, setCodeStep] = useState<CodeStep | null>(pendingToken ? { pendingToken } : null);

  /**
   * Sends the credentials and shows what came back where it belongs. "code" means the password
   * was right and the account wants its two-factor code next.
   */
  async function send(fields: Record<string, string>): Promise<"signed-in" | "code" | "refused"> {
    setPending(true);
    setErrors({});
    const result = await signIn("credentials", { ...fields, redirect: false });
    setPending(false);
    if (result?.ok) return "signed-in";
    const error = result?.error ?? "";
    if (error === CODE_NEEDED) {
      if ("code" in fields) setErrors({ code: ["Enter the code from your authenticator app, or a recovery code."] });
      return "code";
    }
    if (error.startsWith(CODE_ERROR_PREFIX)) {
      setErrors({ code: [error.slice(CODE_ERROR_PREFIX.length)] });
      return "refused";
    }
    // NextAuth reports a plain failure as "CredentialsSignin"; a rate limit or a ban comes with its own words.
    setErrors({ form: error && error !== "CredentialsSignin" ? error : "Invalid email or password." });
    return "refused";
  }

  function signedIn() {
    router.push(returnTo);
    router.refresh();
  }

  async function onSubmitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = signInInput.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      const fields: Errors = {};
      for (const issue of parsed.error.issues) (fields[issue.path[0] as "email" | "password"] ??= []).push(issue.message);
      setErrors(fields);
      return;
    }
    const credentials = parsed.data;
    const outcome = await send(credentialFields(credentials));
    if (outcome === "code") setCodeStep({ credentials });
    if (outcome === "signed-in") signedIn();
  }

  async function onSubmitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!codeStep) return;
    const parsed = secondFactorCodeField.safeParse(new FormData(event.currentTarget).get("code") ?? "");
    if (!parsed.success) {
      setErrors({ code: parsed.error.issues.map((issue) => issue.message) });
      return;
    }
    const fields: Record<string, string> =
      "pendingToken" in codeStep
        ? { twoFactorToken: codeStep.pendingToken, code: parsed.data }
        : { ...credentialFields(codeStep.credentials), code: parsed.data };
    if ((await send(fields)) === "signed-in") signedIn();
  }

  if (codeStep) {
    return (
      <form onSubmit={onSubmitCode} method="post" className="form" aria-label="Two-factor code" noValidate>
        <p>Your account has two-factor authentication on. Enter the code your authenticator app shows now.</p>
        <TextField
          id="code"
          name="code"
          label="Authentication code"
          hint="Six digits from your authenticator app, or one of your recovery codes."
          inputMode="text"
          autoComplete="one-time-code"
          autoFocus
          required
          errors={errors.code}
        />
        <p role="alert" className="form-error">
          {errors.form}
        </p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Checking…" : "Verify and sign in"}
        </button>
        {"credentials" in codeStep && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setCodeStep(null);
              setErrors({});
            }}
          >
            Use another account
          </button>
        )}
      </form>
    );
  }

  return (
    <>
      <form onSubmit={onSubmitPassword} method="post" className="form" noValidate>
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
