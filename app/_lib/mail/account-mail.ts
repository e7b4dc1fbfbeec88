import type { Transaction } from "@/app/_lib/db/client";
import { siteUrl } from "@/app/_lib/site-url";

export type AccountMailKind = "verify-email" | "account-exists" | "reset-password" | "password-changed" | "change-email" | "email-changed";

type AccountMail = { kind: AccountMailKind; userId: string; to: string; subject: string; text: string };

/**
 * Stores an email about the account itself in the caller's transaction. These are not
 * subscriptions (a person cannot turn off their password reset), so they carry no unsubscribe
 * link; each goes to the one address it is about.
 */
async function enqueueAccountMail(tx: Pick<Transaction, "outboxMessage">, mail: AccountMail): Promise<void> {
  await tx.outboxMessage.create({ data: { kind: mail.kind, userId: mail.userId, toAddress: mail.to, subject: mail.subject, text: mail.text, headers: "{}" } });
}

type Person = { id: string; name: string; email: string };

const link = (path: string, token: string) => `${siteUrl()}${path}?${new URLSearchParams({ token })}`;

export function mailVerification(tx: Pick<Transaction, "outboxMessage">, person: Person, token: string): Promise<void> {
  return enqueueAccountMail(tx, {
    kind: "verify-email",
    userId: person.id,
    to: person.email,
    subject: "Confirm your email address",
    text: `Hello ${person.name},\n\nOpen this link to confirm that ${person.email} is your address (it works once, for 24 hours):\n${link("/verify-email", token)}\n\nIf you did not create an account, ignore this email: nothing happens without the link.`,
  });
}

/** Sent instead of a verification link when someone registers with an address that has an account. */
export function mailAccountExists(tx: Pick<Transaction, "outboxMessage">, person: Person): Promise<void> {
  return enqueueAccountMail(tx, {
    kind: "account-exists",
    userId: person.id,
    to: person.email,
    subject: "You already have an account",
    text: `Hello ${person.name},\n\nSomeone (perhaps you) tried to create an account with ${person.email}, but it already has one, so nothing was changed.\n\nSign in: ${siteUrl()}/login\nForgot your password? Choose a new one: ${siteUrl()}/forgot-password`,
  });
}

export function mailPasswordReset(tx: Pick<Transaction, "outboxMessage">, person: Person, token: string): Promise<void> {
  return enqueueAccountMail(tx, {
    kind: "reset-password",
    userId: person.id,
    to: person.email,
    subject: "Choose a new password",
    text: `Hello ${person.name},\n\nOpen this link to choose a new password (it works once, for an hour):\n${link("/reset-password", token)}\n\nIf you did not ask for this, ignore this email: your password stays as it is.`,
  });
}

export function mailPasswordChanged(tx: Pick<Transaction, "outboxMessage">, person: Person): Promise<void> {
  return enqueueAccountMail(tx, {
    kind: "password-changed",
    userId: person.id,
    to: person.email,
    subject: "Your password was changed",
    text: `Hello ${person.name},\n\nThe password of your account was changed, and every other session was signed out.\n\nIf this was not you, choose a new password now: ${siteUrl()}/forgot-password`,
  });
}

/** Goes to the new address: the change takes effect only when its owner opens the link. */
export function mailEmailChange(tx: Pick<Transaction, "outboxMessage">, person: Person, newEmail: string, token: string): Promise<void> {
  return enqueueAccountMail(tx, {
    kind: "change-email",
    userId: person.id,
    to: newEmail,
    subject: "Confirm your new email address",
    text: `Hello ${person.name},\n\nOpen this link to make ${newEmail} the address of your account (it works once, for 24 hours):\n${link("/verify-email", token)}\n\nIf you did not ask for this, ignore this email: nothing changes without the link.`,
  });
}

/** Goes to the old address once the change is made, so an owner whose session was taken hears of it. */
export function mailEmailChanged(tx: Pick<Transaction, "outboxMessage">, person: Person, oldEmail: string): Promise<void> {
  return enqueueAccountMail(tx, {
    kind: "email-changed",
    userId: person.id,
    to: oldEmail,
    subject: "Your email address was changed",
    text: `Hello ${person.name},\n\nThe email address of your account is now ${person.email}; emails will no longer come to ${oldEmail}.\n\nIf this was not you, tell the site's administrators at once: whoever changed it was signed in to your account.`,
  });
}
