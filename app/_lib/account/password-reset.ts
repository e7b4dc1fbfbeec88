import "server-only";
import { accountLock, issueToken, spendAllTokens, spendToken, TAKEOVER_LINKS, tokenOwner } from "@/app/_lib/account-tokens/token";
import { hashPassword } from "@/app/_lib/auth/password";
import { endAllSessions } from "@/app/_lib/auth/sessions";
import { db } from "@/app/_lib/db";
import { lockFor } from "@/app/_lib/db/lock";
import { mailPasswordChanged, mailPasswordReset } from "@/app/_lib/mail/account-mail";
import { ACCOUNT_EMAILS_PER_ADDRESS, consumeLimit, PASSWORD_RESETS_PER_CLIENT, waitMessage } from "@/app/_lib/rate-limit";

export type ResetRequestResult = { ok: true } | { ok: false; message: string };

/**
 * Emails a reset link if an account uses the address. The answer is the same either way: the
 * limits are counted for unknown addresses too (so they cannot tell one apart by being refused
 * later), and a limited request for one address is answered like any other, quietly sending
 * nothing. Only a network asking too often is told so, which says nothing about any account.
 */
export async function requestPasswordReset(email: string, client: string, now = new Date()): Promise<ResetRequestResult> {
  const fromClient = await consumeLimit({ bucket: `password-reset:client:${client}`, ...PASSWORD_RESETS_PER_CLIENT }, now);
  if (fromClient.limited) return { ok: false, message: `Too many reset requests came from your network. Try again ${waitMessage(fromClient.retryAfterMs)}.` };
  const forAddress = await consumeLimit({ bucket: `password-reset:${email}`, ...ACCOUNT_EMAILS_PER_ADDRESS }, now);
  if (forAddress.limited) return { ok: true };
  const user = await db.user.findFirst({ where: { email, deletedAt: null, status: { not: "BANNED" } }, select: { id: true, name: true, email: true } });
  if (!user) return { ok: true };
  await db.$transaction(async (tx) => {
    await mailPasswordReset(tx, user, await issueToken(tx, { userId: user.id, purpose: "reset-password", email: user.email, now }));
  });
  return { ok: true };
}

export type ResetResult = { ok: true } | { ok: false; message: string };

const BROKEN_LINK = "This link has expired or has been used already. Ask for a new one.";

/**
 * Sets a new password with an emailed link, once. Every session of the account ends (whoever
 * holds a stolen one is out), every other reset and change-of-address link dies with it, and the
 * owner is told. The link proves the address too, so an address not yet verified is verified by
 * it. A link that is not an open one is refused before the password is hashed, so made-up links
 * cost the server a lookup, not a hash.
 */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<ResetResult> {
  const owner = await tokenOwner(db, token, ["reset-password"], now);
  if (!owner) return { ok: false, message: BROKEN_LINK };
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx): Promise<ResetResult> => {
    await lockFor(tx, accountLock(owner));
    const spent = await spendToken(tx, token, "reset-password", now);
    if (!spent) return { ok: false, message: BROKEN_LINK };
    const user = await tx.user.findFirst({ where: { id: spent.userId, email: spent.email, deletedAt: null }, select: { id: true, name: true, email: true, emailVerified: true } });
    if (!user) return { ok: false, message: BROKEN_LINK };
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, emailVerified: user.emailVerified ?? now } });
    await endAllSessions(user.id, tx);
    await spendAllTokens(tx, user.id, TAKEOVER_LINKS, now);
    await mailPasswordChanged(tx, user);
    return { ok: true };
  });
}
