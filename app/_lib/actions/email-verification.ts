"use server";

import { confirmEmailLink, resendVerification } from "@/app/_lib/account/verify-email";
import { getViewer } from "@/app/_lib/auth/viewer";
import { emailLinkInput } from "@/app/_lib/schemas/account";
import { type FormState, isForm, notAForm } from "./form-state";

/** Sends the signed-in reader a new verification link. */
export async function resendVerificationEmail(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const viewer = await getViewer();
  const result = await resendVerification(viewer);
  if (!result.ok) return { status: "error", message: result.message };
  return { status: "success", message: `We have sent a new link to ${viewer!.email}. It works once, for 24 hours.` };
}

/**
 * The button on the page an emailed link opens. Opening the link changes nothing (mail scanners
 * open links); pressing the button spends it. The token is the credential, whoever is signed in.
 */
export async function confirmEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const parsed = emailLinkInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message };
  const result = await confirmEmailLink(parsed.data.token);
  // Nothing is revalidated: that would draw this page again, and its link is spent now.
  if (!result.ok) return { status: "error", message: result.message };
  return { status: "success", message: result.kind === "verified" ? `Thank you: ${result.email} is verified.` : `Done: your account's address is now ${result.email}.` };
}
