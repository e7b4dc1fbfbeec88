import { z } from "zod";
import { hasInvisibleCharacters } from "@/app/_lib/content/invisible";
import { mixesLatinWithLookAlikes } from "@/app/_lib/content/mixed-script";

import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from "./limits";
import { recordId } from "./ids";

export { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN };

export const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const passwordField = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const nameField = z
  .string({ error: "Enter your name as it should appear on your comments." })
  .trim()
  .min(1, "Enter your name as it should appear on your comments.")
  .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`)
  .refine((name) => !/\p{Cc}/u.test(name), "Use letters, numbers and ordinary punctuation only.")
  // Names are shown in feeds and emails as well as pages: angle brackets are only ever markup there.
  .refine((name) => !/[<>]/.test(name), "A name cannot contain < or >.")
  // Zero-width, soft-hyphen and bidirectional characters let a name pass for another one.
  .refine((name) => !hasInvisibleCharacters(name), "A name cannot contain invisible characters (zero-width spaces, soft hyphens or direction marks).")
  .refine(
    (name) => !mixesLatinWithLookAlikes(name),
    "A name cannot mix Latin letters with letters of another alphabet that look like them (such as a Cyrillic “а”). Write it in one alphabet.",
  );

export const roleField = z.enum(["READER", "MODERATOR", "ADMIN"], "Role must be reader, moderator or admin.");

export const registerInput = z.object({ name: nameField, email: emailField, password: passwordField });
export type RegisterInput = z.infer<typeof registerInput>;

export const signInInput = z.object({
  email: emailField,
  // Present when the sign-in follows an OAuth attempt for this email (auth/oauth-link.ts).
  linkToken: z.string().max(2000).optional(),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX, "Invalid email or password."),
});
export type SignInInput = z.infer<typeof signInInput>;

export const preferencesInput = z.object({
  notifyOnDecision: z.stringbool().optional().default(false),
  // Only moderators see this field; for readers the action ignores it.
  moderatorAlerts: z.enum(["NONE", "EACH", "DAILY"], "Choose never, each comment or a daily digest.").optional(),
});
export type PreferencesInput = z.infer<typeof preferencesInput>;

export const deleteAccountInput = z.object({
  password: z.string({ error: "Enter your password to confirm." }).min(1, "Enter your password to confirm.").max(PASSWORD_MAX, "That password is not right."),
  comments: z.enum(["keep", "remove"], "Choose what happens to your published comments."),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountInput>;

export const replyEmailsInput = z.object({
  commentId: recordId("Unknown comment."),
  notifyReplies: z.stringbool({ error: "Choose on or off." }),
});

/** An emailed link's token, as the form carries it on; its shape is checked again where it is spent. */
const linkToken = z.string({ error: "This link is incomplete. Open it again from the email." }).min(1, "This link is incomplete. Open it again from the email.").max(100, "This link is not one of ours.");

export const forgotPasswordInput = z.object({ email: emailField });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInput>;

export const resetPasswordInput = z.object({ token: linkToken, password: passwordField });
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

export const emailLinkInput = z.object({ token: linkToken });

export const changePasswordInput = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(PASSWORD_MAX, "That is not your current password."),
  newPassword: passwordField,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const changeEmailInput = z.object({
  newEmail: emailField,
  // Accounts without a password (OAuth only) have nothing to enter here.
  password: z.string().max(PASSWORD_MAX, "That is not your current password.").optional(),
});
export type ChangeEmailInput = z.infer<typeof changeEmailInput>;
