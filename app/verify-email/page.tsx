import type { Metadata } from "next";
import Link from "next/link";
import { tokenIsUsable } from "@/app/_lib/account-tokens/token";
import { db } from "@/app/_lib/db";
import { ConfirmEmailForm } from "./confirm-email-form";

export const metadata: Metadata = { title: "Confirm your email address", robots: { index: false }, referrer: "no-referrer" };

/**
 * Where verification and change-of-address links lead. Opening the link changes nothing (mail
 * scanners open every link, and would spend it); the Confirm button does.
 */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: given } = await searchParams;
  const token = typeof given === "string" ? given : "";
  const usable = (await tokenIsUsable(db, token, "verify-email")) || (await tokenIsUsable(db, token, "change-email"));
  return (
    <>
      <h1>Confirm your email address</h1>
      {usable ? (
        <ConfirmEmailForm token={token} />
      ) : (
        <>
          <p role="alert">This link has expired or has been used already.</p>
          <p>
            <Link prefetch={false} href="/account">Go to your account page</Link> to ask for a new one.
          </p>
        </>
      )}
    </>
  );
}
