import "server-only";
import { accountLock, issueToken, spendAllTokens } from "@/app/_lib/account-tokens/token";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { lockFor } from "@/app/_lib/db/lock";
import { mailEmailChange } from "@/app/_lib/mail/account-mail";
import { ACCOUNT_EMAILS_PER_ADDRESS, consumeLimit, waitMessage } from "@/app/_lib/rate-limit";
import type { ChangeEmailInput } from "@/app/_lib/schemas/account";
import { confirmCurrentPassword } from "./confirm-password";

export type ChangeEmailResult = { ok: true } | { ok: false; field: "newEmail" | "password" | "form"; message: string };

/**
 * Asks for a new address: nothing changes until the link sent there is opened (verify-email.ts),
 * so nobody can move an account to an address they do not read, or to somebody else's. Whether
 * the new address has an account is not said here: the link would simply fail for it.
 * Accounts with a password confirm with it; OAuth-only accounts have none to give.
 */
export async function requestEmailChange(viewer: Viewer | null, input: ChangeEmailInput, now = new Date()): Promise<ChangeEmailResult> {
  if (!viewer) return { ok: false, field: "form", message: "Your session has ended. Sign in again." };
  if (input.newEmail === viewer.email) return { ok: false, field: "newEmail", message: "That is your address already." };
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (passwordHash) {
    const confirmed = await confirmCurrentPassword(viewer.id, input.password ?? "", now);
    if (!confirmed.ok) return { ok: false, field: "password", message: confirmed.message };
  }
  // Counted per account and per address written to: a stranger's inbox gets a few links an hour,
  // however many accounts ask.
  for (const bucket of [`email-change:${viewer.id}`, `email-change:to:${input.newEmail}`]) {
    const limit = await consumeLimit({ bucket, ...ACCOUNT_EMAILS_PER_ADDRESS }, now);
    if (limit.limited) return { ok: false, field: "form", message: `We have sent several links already. Try again ${waitMessage(limit.retryAfterMs)}.` };
  }
  await db.$transaction(async (tx) => {
    await lockFor(tx, accountLock(viewer.id));
    // The newest request replaces the ones before: one open change of address at a time.
    await spendAllTokens(tx, viewer.id, ["change-email"], now);
    await mailEmailChange(tx, viewer, input.newEmail, await issueToken(tx, { userId: viewer.id, purpose: "change-email", email: input.newEmail, now }));
  });
  return { ok: true };
}
