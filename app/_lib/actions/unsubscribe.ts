"use server";

import { revalidatePath } from "next/cache";
import { setSubscription } from "@/app/_lib/mail/unsubscribe";
import { subscriptionInput } from "@/app/_lib/schemas/mail";
import { type FormState, isForm, notAForm } from "./form-state";

/** Unsubscribe or Undo. The signed token is the credential: whoever holds the emailed link may use it. */
export async function changeSubscription(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const parsed = subscriptionInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message };
  const result = await setSubscription(parsed.data.token, parsed.data.subscribe);
  if (!result.ok) return { status: "error", message: result.message };
  revalidatePath("/unsubscribe");
  return { status: "success", message: result.subscribed ? `Done. You will receive ${result.description} again.` : `Done. You will no longer receive ${result.description}.` };
}
