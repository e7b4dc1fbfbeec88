"use server";

import { getViewer } from "@/app/_lib/auth/viewer";
import { reportComment as report } from "@/app/_lib/moderation/reports";
import { reportInput } from "@/app/_lib/schemas/moderation";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

type ReportField = "commentId" | "reason" | "text";

/** A reader flags a published comment for the moderators. */
export async function reportComment(_previous: FormState<ReportField>, formData: FormData): Promise<FormState<ReportField>> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["reason", "text"]);
  const attempt = Date.now();
  const raw = Object.fromEntries(formData);
  const parsed = reportInput.safeParse({ ...raw, text: raw.text === "" ? undefined : raw.text });
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };
  const result = await report(await getViewer(), parsed.data);
  if (!result.ok) return { status: "error", message: result.message, values, attempt };
  return { status: "success", message: "Thank you. The moderators will review this comment.", attempt };
}
