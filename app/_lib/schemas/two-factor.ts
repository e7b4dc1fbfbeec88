import { z } from "zod";
import { PASSWORD_MAX } from "./limits";

/** Spaces and dashes people type between groups of digits or letters mean nothing. */
export const normalizeCode = (code: string): string => code.replace(/[\s-]/g, "").toLowerCase();

const SIX_DIGITS = "Enter the 6-digit code from your authenticator app.";

/** A code from the authenticator app: six digits, however they were spaced. */
export const authenticatorCodeField = z
  .string({ error: SIX_DIGITS })
  .max(20, SIX_DIGITS)
  .transform(normalizeCode)
  .pipe(z.string().regex(/^\d{6}$/, SIX_DIGITS));

/** At sign-in or to confirm a change: a code from the app, or one of the recovery codes. */
export const secondFactorCodeField = z
  .string({ error: "Enter the code from your authenticator app, or a recovery code." })
  .max(64, "That code is not right.")
  .transform(normalizeCode)
  .pipe(z.string().min(1, "Enter the code from your authenticator app, or a recovery code."));

/** Turning two-factor on: a code from the new key, and the current password (a session alone is not enough). */
export const confirmTwoFactorInput = z.object({
  code: authenticatorCodeField,
  password: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(PASSWORD_MAX, "That is not your current password."),
});
export type ConfirmTwoFactorInput = z.infer<typeof confirmTwoFactorInput>;

/** Turning two-factor off, or new recovery codes: the current password, or a code. */
export const twoFactorChangeInput = z
  .object({
    password: z.string().max(PASSWORD_MAX, "That is not your current password.").optional(),
    code: z.string().max(64, "That code is not right.").transform(normalizeCode).optional(),
  })
  .refine((input) => Boolean(input.password) || Boolean(input.code), { message: "Enter your current password or a code.", path: ["password"] });
export type TwoFactorChangeInput = z.infer<typeof twoFactorChangeInput>;

/** The second step of a sign-in that began with a provider (OAuth): the signed token and a code. */
export const pendingSignInInput = z.object({ twoFactorToken: z.string().min(1).max(500), code: secondFactorCodeField });

/**
 * What a sign-in answers when the password was right but a code is still needed, or the code was
 * not right. NextAuth passes a thrown message through to the form as `error`; these tell the form
 * which field to show (a code error carries its message after the prefix).
 */
export const CODE_NEEDED = "two-factor-code-needed";
export const CODE_ERROR_PREFIX = "two-factor-code:";
