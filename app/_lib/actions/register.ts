"use server";

import { headers } from "next/headers";
import { clientAddress, consumeLimit, REGISTRATIONS, waitMessage } from "@/app/_lib/rate-limit";
import { registerInput } from "@/app/_lib/schemas/account";
import { createUser } from "@/app/_lib/users/create-user";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

type RegisterField = "name" | "email" | "password";

/** Creates a reader account; the form then signs in with the same credentials. */
export async function registerAccount(_previous: FormState<RegisterField>, formData: FormData): Promise<FormState<RegisterField>> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["name", "email"]);
  const attempt = Date.now();
  const parsed = registerInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };

  const limit = { bucket: `register:address:${clientAddress(await headers())}`, ...REGISTRATIONS };
  const state = await consumeLimit(limit);
  if (state.limited) return { status: "error", message: `Too many accounts were created from your network. Try again ${waitMessage(state.retryAfterMs)}.`, values, attempt };

  const result = await createUser(parsed.data);
  if (!result.ok) {
    // The same words whether or not the address is known would be better still, but a person
    // needs to learn why registration failed; this does not say which account exists.
    return {
      status: "error",
      errors: { email: ["This email address cannot be used to create an account. If you already have one, sign in instead."] },
      values,
      attempt,
    };
  }
  return { status: "success", values, attempt };
}
