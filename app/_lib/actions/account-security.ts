"use server";

import { requestEmailChange } from "@/app/_lib/account/change-email";
import { changePassword } from "@/app/_lib/account/change-password";
import { signOutEverywhereElse } from "@/app/_lib/account/sign-out-elsewhere";
import { keepThisSession } from "@/app/_lib/auth/keep-this-session";
import { getViewer, sessionClaims } from "@/app/_lib/auth/viewer";
import { changeEmailInput, changePasswordInput } from "@/app/_lib/schemas/account";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

type PasswordField = "currentPassword" | "newPassword";

/** A new password (the current one first); every other session is signed out, this one stays. */
export async function changePasswordAction(_previous: FormState<PasswordField>, formData: FormData): Promise<FormState<PasswordField>> {
  if (!isForm(formData)) return notAForm();
  const attempt = Date.now();
  const parsed = changePasswordInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), attempt };
  const viewer = await getViewer();
  const result = await changePassword(viewer, (await sessionClaims()).sessionVersion, parsed.data);
  if (!result.ok) return result.field === "form" ? { status: "error", message: result.message, attempt } : { status: "error", errors: { currentPassword: [result.message] }, attempt };
  await keepThisSession(viewer!.id, result.sessionVersion);
  return { status: "success", message: "Your password is changed. Every other session is signed out.", attempt };
}

type EmailField = "newEmail" | "password";

/** Sends a link to the new address; the change takes effect when it is opened. */
export async function changeEmailAction(_previous: FormState<EmailField>, formData: FormData): Promise<FormState<EmailField>> {
  if (!isForm(formData)) return notAForm();
  const attempt = Date.now();
  const values = formValues(formData, ["newEmail"]);
  const parsed = changeEmailInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };
  const result = await requestEmailChange(await getViewer(), parsed.data);
  if (!result.ok) return result.field === "form" ? { status: "error", message: result.message, values, attempt } : { status: "error", errors: { [result.field]: [result.message] }, values, attempt };
  return { status: "success", message: `We have sent a link to ${parsed.data.newEmail}. Your address changes when you open it (within 24 hours).`, attempt };
}

/** Signs out every other browser and device; this one gets a fresh session. */
export async function signOutEverywhereElseAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const viewer = await getViewer();
  const version = await signOutEverywhereElse(viewer, (await sessionClaims()).sessionVersion);
  if (version === null) return { status: "error", message: "Your session has ended. Sign in again." };
  await keepThisSession(viewer!.id, version);
  return { status: "success", message: "Every other session is signed out." };
}
