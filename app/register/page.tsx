import type { Metadata } from "next";
import Link from "next/link";
import { safeReturnPath } from "@/app/_lib/safe-path";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  return (
    <>
      <h1>Create an account</h1>
      <p>An account lets you comment on posts. Your name is shown with your comments; your email address never is.</p>
      <RegisterForm returnTo={returnTo} />
      <p>
        Already have an account? <Link prefetch={false} href={`/login?callbackUrl=${encodeURIComponent(returnTo)}`}>Sign in</Link>
      </p>
    </>
  );
}
