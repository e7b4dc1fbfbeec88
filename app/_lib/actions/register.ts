"use server";

import { headers } from "next/headers";
import { registerReader } from "@/app/_lib/account/register";
import { clientAddress, consumeLimit, REGISTRATIONS, waitMessage } from "@/app/_lib/rate-limit";
import { registerInput } from "@/app/_lib/schemas/account";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

type RegisterField = "name" | "email" | "password";

/**
 * Creates a reader account, or emails the owner of an address that has one. The answer is the
 * same either way, so the form never tells anyone whether an address is taken.
 */
export async function registerAccount(_previous: FormState<RegisterField>, formData: FormData): Promise<FormState<RegisterField>> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["name", "email"]);
  const attempt = Date.now();
  const parsed = registerInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };

  const limit = { bucket: `register:address:${clientAddress(await headers())}`, ...REGISTRATIONS };
  const state = await consumeLimit(limit);
  if (state.limited) return { status: "error", message: `Too many accounts were created from your network. Try again ${waitMessage(state.retryAfterMs)}.`, values, attempt };

  await registerReader(parsed.data);
  return { status: "success", values: { email: parsed.data.email }, attempt };
}
