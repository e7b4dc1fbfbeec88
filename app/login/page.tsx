import type { Metadata } from "next";
import Link from "next/link";
import { enabledOAuthProviders } from "@/app/_lib/auth/options";
import { safeReturnPath } from "@/app/_lib/safe-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  return (
    <>
      <h1>Sign in</h1>
      <LoginForm returnTo={returnTo} oauthProviders={enabledOAuthProviders()} />
      <p>
        New here? <Link href={`/register?callbackUrl=${encodeURIComponent(returnTo)}`}>Create an account</Link>
      </p>
    </>
  );
}
