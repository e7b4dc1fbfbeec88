import type { z } from "zod";

/** What every form action returns to `useActionState`. */
export type FormState<Field extends string = string> = {
  status: "idle" | "error" | "success";
  /** A message about the whole form (or the reason nothing could be done). */
  message?: string;
  errors?: Partial<Record<Field, string[]>>;
  /** What the person typed, so a refused form keeps their words. */
  values?: Partial<Record<Field, string>>;
  /** Changes on every response, so fields showing `values` are re-rendered with them. */
  attempt?: number;
};

export const idleState: FormState = { status: "idle" };

export function fieldErrors<Field extends string>(error: z.ZodError): Partial<Record<Field, string[]>> {
  const errors: Partial<Record<Field, string[]>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form") as Field;
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

export function formValues(formData: FormData, fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = formData.get(field);
    if (typeof value === "string") values[field] = value;
  }
  return values;
}

/**
 * An action is a public endpoint: its arguments are whatever the caller sent. Form actions
 * answer anything that is not a form with this, instead of failing on it.
 */
export const notAForm = <Field extends string>(): FormState<Field> => ({ status: "error", message: "This request could not be read. Reload the page and try again." });

export const isForm = (value: unknown): value is FormData => value instanceof FormData;
