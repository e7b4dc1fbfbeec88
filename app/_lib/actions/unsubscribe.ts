"use server";

import { unsubscribe } from "@/app/_lib/mail/unsubscribe";
import { unsubscribeInput } from "@/app/_lib/schemas/mail";
import { type FormState, isForm, notAForm } from "./form-state";

/** The signed token is the credential: anyone holding the emailed link may use it, signed in or not. */
export async function unsubscribeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const parsed = unsubscribeInput.safeParse({ token: formData.get("token") });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message };
  const result = await unsubscribe(parsed.data.token);
  if (!result.ok) return { status: "error", message: result.message };
  return { status: "success", message: `Done. You will no longer receive ${result.description}.` };
}
