"use server";

import { revalidatePath } from "next/cache";
import { getViewer } from "@/app/_lib/auth/viewer";
import { updateUser as update } from "@/app/_lib/moderation/users";
import { userUpdateInput } from "@/app/_lib/schemas/users";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

type UserField = "reason" | "until" | "role" | "value" | "userId" | "operation";

export async function updateUser(_previous: FormState<UserField>, formData: FormData): Promise<FormState<UserField>> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["reason", "until", "role"]);
  const attempt = Date.now();
  const parsed = userUpdateInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };
  const result = await update(await getViewer(), parsed.data);
  if (!result.ok) return { status: "error", message: result.message, values, attempt };
  revalidatePath(`/moderation/users/${parsed.data.userId}`);
  return { status: "success", message: result.message, attempt };
}
