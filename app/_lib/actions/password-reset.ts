"use server";

import { headers } from "next/headers";
import { requestPasswordReset, resetPassword } from "@/app/_lib/account/password-reset";
import { answerNoSoonerThan } from "@/app/_lib/auth/steady-answer";
import { clientAddress, consumeLimit, PASSWORD_RESET_SUBMISSIONS_PER_CLIENT, waitMessage } from "@/app/_lib/rate-limit";
import { forgotPasswordInput, resetPasswordInput } from "@/app/_lib/schemas/account";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

// Longer than writing a token and an email takes, so known and unknown addresses answer alike.
const STEADY_ANSWER_MS = 400;

/** "Forgot your password?": the same words, about as late, whether or not the address has an account. */
export async function requestPasswordResetAction(_previous: FormState<"email">, formData: FormData): Promise<FormState<"email">> {
  if (!isForm(formData)) return notAForm();
  const startedAt = Date.now();
  const values = formValues(formData, ["email"]);
  const parsed = forgotPasswordInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt: startedAt };
  const result = await requestPasswordReset(parsed.data.email, clientAddress(await headers()));
  await answerNoSoonerThan(startedAt, STEADY_ANSWER_MS);
  if (!result.ok) return { status: "error", message: result.message, values, attempt: startedAt };
  return {
    status: "success",
    message: `If an account uses ${parsed.data.email}, we have emailed it a link to choose a new password. The link works once, for an hour.`,
    values,
    attempt: startedAt,
  };
}

/** Sets a new password with the emailed link; the link is the credential, whoever holds it. */
export async function resetPasswordAction(_previous: FormState<"password" | "token">, formData: FormData): Promise<FormState<"password" | "token">> {
  if (!isForm(formData)) return notAForm();
  const parsed = resetPasswordInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors = fieldErrors<"password" | "token">(parsed.error);
    return { status: "error", errors: { password: errors.password }, message: errors.token?.[0], attempt: Date.now() };
  }
  const fromClient = await consumeLimit({ bucket: `password-reset-submit:client:${clientAddress(await headers())}`, ...PASSWORD_RESET_SUBMISSIONS_PER_CLIENT });
  if (fromClient.limited) return { status: "error", message: `Too many attempts came from your network. Try again ${waitMessage(fromClient.retryAfterMs)}.`, attempt: Date.now() };
  const result = await resetPassword(parsed.data.token, parsed.data.password);
  if (!result.ok) return { status: "error", message: result.message, attempt: Date.now() };
  return { status: "success", message: "Your password is changed, and every session of your account is signed out. Sign in with the new password." };
}
