"use server";

import { revalidatePath } from "next/cache";
import { pageCacheChanged } from "@/app/_lib/page-cache";
import { getViewer } from "@/app/_lib/auth/viewer";
import { publishTermsInput } from "@/app/_lib/schemas/terms";
import { publishTerms as publish } from "@/app/_lib/terms/publish";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

type TermsField = "body" | "effectiveAt";

export async function publishTerms(_previous: FormState<TermsField>, formData: FormData): Promise<FormState<TermsField>> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["body", "effectiveAt"]);
  const attempt = Date.now();
  const parsed = publishTermsInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };
  const result = await publish(await getViewer(), parsed.data);
  if (!result.ok) return { status: "error", message: result.message, values, attempt };
  revalidatePath("/terms", "layout");
  // Post pages name the terms a comment is posted under.
  pageCacheChanged();
  return { status: "success", message: `Version ${result.version} published.`, values, attempt };
}
