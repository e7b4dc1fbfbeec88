import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?", robots: { index: false } };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1>Forgot your password?</h1>
      <p>Enter the email address of your account. We will email it a link to choose a new password.</p>
      <ForgotPasswordForm />
      <p>
        Remembered it? <Link prefetch={false} href="/login">Sign in</Link>
      </p>
    </>
  );
}
