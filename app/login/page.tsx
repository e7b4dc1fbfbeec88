import type { Metadata } from "next";
import Link from "next/link";
import { enabledOAuthProviders } from "@/app/_lib/auth/options";
import { OAUTH_REFUSALS, verifyLinkToken } from "@/app/_lib/auth/oauth-link";
import { safeReturnPath } from "@/app/_lib/safe-path";
import { verifyPendingSignIn } from "@/app/_lib/two-factor/pending-sign-in";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = { callbackUrl?: string; link?: string; error?: string; twoFactor?: string };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  const providers = enabledOAuthProviders();
  const refusal = params.error && params.error in OAUTH_REFUSALS ? OAUTH_REFUSALS[params.error as keyof typeof OAUTH_REFUSALS] : undefined;
  // What the notice says comes from the signed token, never from the address bar.
  const link = typeof params.link === "string" ? verifyLinkToken(params.link) : null;
  const linking = link ? { token: params.link!, email: link.email } : undefined;
  // A provider sign-in to an account with two-factor on: only the code is left to enter.
  const pendingToken = typeof params.twoFactor === "string" && verifyPendingSignIn(params.twoFactor) ? params.twoFactor : undefined;
  const providerName = providers.find((provider) => provider.id === link?.provider)?.name ?? "your provider";
  return (
    <>
      <h1>Sign in</h1>
      {refusal && (
        <p role="alert" className="form-error">
          {refusal}
        </p>
      )}
      {linking && (
        <p role="status">
          An account with {linking.email} already exists. Enter its password once to connect your {providerName} sign-in to it.
        </p>
      )}
      <LoginForm returnTo={returnTo} oauthProviders={providers} linking={linking} pendingToken={pendingToken} />
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link href={`/register?callbackUrl=${encodeURIComponent(returnTo)}`}>Create an account</Link>
      </p>
    </>
  );
}
