import { z } from "zod";
import { roleField } from "./account";
import { stripControl } from "./text";
import { recordId } from "./ids";

const userId = recordId();
const reason = z.string({ error: "Give a reason; it is logged and shown to the person where it applies." }).transform((text) => stripControl(text).trim()).pipe(z.string().min(3, "Give a reason; it is logged and shown to the person where it applies.").max(500, "Keep the reason under 500 characters."));
const flag = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** Every change a moderator can make to an account, one schema per form, one union for the action. */
export const userUpdateInput = z.discriminatedUnion("operation", [
  z.object({ operation: z.literal("ban"), userId, reason }),
  z.object({
    operation: z.literal("suspend"),
    userId,
    reason,
    until: z
      .string({ error: "Pick the day the suspension ends." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the day the suspension ends.")
      .transform((value) => new Date(`${value}T00:00:00Z`))
      .refine((date) => date.getTime() > Date.now(), "The suspension must end in the future."),
  }),
  z.object({ operation: z.literal("reinstate"), userId, reason }),
  z.object({ operation: z.literal("premoderate"), userId, reason, value: flag }),
  z.object({ operation: z.literal("trusted"), userId, reason, value: flag }),
  z.object({ operation: z.literal("role"), userId, reason, role: z.preprocess((value) => (typeof value === "string" ? value.toUpperCase() : value), roleField) }),
]);
export type UserUpdateInput = z.infer<typeof userUpdateInput>;
