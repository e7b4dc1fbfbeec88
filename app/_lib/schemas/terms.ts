import { z } from "zod";
import { stripControl } from "./text";

export const TERMS_MAX = 50_000;

export const publishTermsInput = z.object({
  body: z
    .string({ error: "Write the text of the new terms." })
    .transform((text) => stripControl(text).trim())
    .pipe(z.string().min(200, "The terms need at least 200 characters.")
    .max(TERMS_MAX, `The terms can be at most ${TERMS_MAX.toLocaleString("en")} characters.`)),
  effectiveAt: z
    .string({ error: "Pick the date the new terms take effect." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the date the new terms take effect.")
    .transform((value) => new Date(`${value}T00:00:00Z`))
    .refine((date) => !Number.isNaN(date.getTime()), "Pick a real date."),
});
export type PublishTermsInput = z.infer<typeof publishTermsInput>;
