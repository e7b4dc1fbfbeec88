import type { Metadata } from "next";
import Link from "next/link";
import { tokenIsUsable } from "@/app/_lib/account-tokens/token";
import { db } from "@/app/_lib/db";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", robots: { index: false }, referrer: "no-referrer" };

/** Where a reset email's link leads: opening it spends nothing; the form does. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: given } = await searchParams;
  const token = typeof given === "string" ? given : "";
  if (!(await tokenIsUsable(db, token, "reset-password"))) {
    return (
      <>
        <h1>Choose a new password</h1>
        <p role="alert">This link has expired or has been used already.</p>
        <p>
          <Link prefetch={false} href="/forgot-password">Ask for a new link</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Choose a new password</h1>
      <p>Every session of your account will be signed out, on every device.</p>
      <ResetPasswordForm token={token} />
    </>
  );
}
