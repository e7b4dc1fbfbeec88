"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { keepThisSession } from "@/app/_lib/auth/keep-this-session";
import { getViewer, sessionClaims } from "@/app/_lib/auth/viewer";
import { clientAddress } from "@/app/_lib/client-address";
import { confirmTwoFactorInput, twoFactorChangeInput } from "@/app/_lib/schemas/two-factor";
import { regenerateRecoveryCodes, turnOffTwoFactor } from "@/app/_lib/two-factor/change";
import { confirmTwoFactorSetup, startTwoFactorSetup } from "@/app/_lib/two-factor/setup";
import { fieldErrors, type FormState, isForm, notAForm } from "./form-state";

/** A form state that may carry recovery codes, shown once and never stored in plain text. */
export type CodesState<Field extends string> = FormState<Field> & { recoveryCodes?: string[] };

/** Makes a pending secret for the viewer; the account page then shows it as a QR code. */
export async function startTwoFactorAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const result = await startTwoFactorSetup(await getViewer());
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/account");
  return { status: "success" };
}

/**
 * Turns two-factor on with the password and a code from the new secret. Every other session ends
 * and this one is kept under the new version; setting its cookie draws the page again, and the
 * confirming form (kept in place on the page) goes on showing the recovery codes until they are saved.
 */
export async function confirmTwoFactorAction(_previous: CodesState<"code" | "password">, formData: FormData): Promise<CodesState<"code" | "password">> {
  if (!isForm(formData)) return notAForm();
  const attempt = Date.now();
  const parsed = confirmTwoFactorInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), attempt };
  const viewer = await getViewer();
  const result = await confirmTwoFactorSetup(viewer, parsed.data, (await sessionClaims()).sessionVersion);
  if (!result.ok) return result.field === "form" ? { status: "error", message: result.message, attempt } : { status: "error", errors: { [result.field]: [result.message] }, attempt };
  await keepThisSession(viewer!.id, result.sessionVersion);
  return { status: "success", message: "Two-factor authentication is on.", recoveryCodes: result.recoveryCodes, attempt };
}

type ChangeField = "password" | "code";

export async function turnOffTwoFactorAction(_previous: FormState<ChangeField>, formData: FormData): Promise<FormState<ChangeField>> {
  if (!isForm(formData)) return notAForm();
  const attempt = Date.now();
  const parsed = twoFactorChangeInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), attempt };
  const result = await turnOffTwoFactor(await getViewer(), parsed.data, clientAddress(await headers()));
  if (!result.ok) return result.field === "form" ? { status: "error", message: result.message, attempt } : { status: "error", errors: { [result.field]: [result.message] }, attempt };
  revalidatePath("/account");
  return { status: "success", message: "Two-factor authentication is off.", attempt };
}

export async function regenerateRecoveryCodesAction(_previous: CodesState<ChangeField>, formData: FormData): Promise<CodesState<ChangeField>> {
  if (!isForm(formData)) return notAForm();
  const attempt = Date.now();
  const parsed = twoFactorChangeInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), attempt };
  const result = await regenerateRecoveryCodes(await getViewer(), parsed.data, clientAddress(await headers()));
  if (!result.ok) return result.field === "form" ? { status: "error", message: result.message, attempt } : { status: "error", errors: { [result.field]: [result.message] }, attempt };
  revalidatePath("/account");
  return { status: "success", message: "New recovery codes are ready. The old ones no longer work.", recoveryCodes: result.recoveryCodes, attempt };
}
