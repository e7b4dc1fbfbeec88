import "server-only";
import { accountLock, issueToken, spendToken, tokenOwner } from "@/app/_lib/account-tokens/token";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { isUniqueViolation } from "@/app/_lib/db/errors";
import { lockFor } from "@/app/_lib/db/lock";
import { mailEmailChanged, mailVerification } from "@/app/_lib/mail/account-mail";
import { ACCOUNT_EMAILS_PER_ADDRESS, consumeLimit, waitMessage } from "@/app/_lib/rate-limit";

export type ResendResult = { ok: true } | { ok: false; message: string };

/** Sends the signed-in reader a new verification link, a few times an hour at most. */
export async function resendVerification(viewer: Viewer | null, now = new Date()): Promise<ResendResult> {
  if (!viewer) return { ok: false, message: "Your session has ended. Sign in again." };
  if (viewer.emailVerified) return { ok: false, message: "Your email address is already verified." };
  const limit = await consumeLimit({ bucket: `verification:${viewer.id}`, ...ACCOUNT_EMAILS_PER_ADDRESS }, now);
  if (limit.limited) return { ok: false, message: `We have sent several links already. Try again ${waitMessage(limit.retryAfterMs)}.` };
  await db.$transaction(async (tx) => {
    await mailVerification(tx, viewer, await issueToken(tx, { userId: viewer.id, purpose: "verify-email", email: viewer.email, now }));
  });
  return { ok: true };
}

export type ConfirmResult = { ok: true; kind: "verified" | "changed"; email: string } | { ok: false; message: string };

const BROKEN_LINK = "This link has expired or has been used already. Ask for a new one from your account page.";

/**
 * Opens an emailed link: a verification link marks the address verified; a change-of-address
 * link makes the new address the account's (verified, since its owner just proved it) and tells
 * the old one. The token is the credential, whoever is signed in: it names its own account.
 * A link for an address the account no longer has proves nothing and is refused.
 */
export async function confirmEmailLink(token: string, now = new Date()): Promise<ConfirmResult> {
  try {
    return await spendEmailLink(token, now);
  } catch (error) {
    // The new address was taken between the check and the change: nothing was changed or spent.
    if (isUniqueViolation(error)) return { ok: false, message: TAKEN };
    throw error;
  }
}

const TAKEN = "Another account uses that address now, so it cannot become yours.";

function spendEmailLink(token: string, now: Date): Promise<ConfirmResult> {
  return db.$transaction(async (tx): Promise<ConfirmResult> => {
    const owner = await tokenOwner(tx, token, ["verify-email", "change-email"], now);
    if (!owner) return { ok: false, message: BROKEN_LINK };
    await lockFor(tx, accountLock(owner));
    const verified = await spendToken(tx, token, "verify-email", now);
    if (verified) {
      const marked = await tx.user.updateMany({ where: { id: verified.userId, email: verified.email, deletedAt: null }, data: { emailVerified: now } });
      return marked.count === 1 ? { ok: true, kind: "verified", email: verified.email } : { ok: false, message: BROKEN_LINK };
    }
    const change = await spendToken(tx, token, "change-email", now);
    if (!change) return { ok: false, message: BROKEN_LINK };
    const user = await tx.user.findFirst({ where: { id: change.userId, deletedAt: null }, select: { id: true, name: true, email: true } });
    if (!user) return { ok: false, message: BROKEN_LINK };
    if (await tx.user.findUnique({ where: { email: change.email }, select: { id: true } })) {
      return { ok: false, message: TAKEN };
    }
    await tx.user.update({ where: { id: user.id }, data: { email: change.email, emailVerified: now } });
    // Links sent to the old address stop working with it, and so do older links to other new ones.
    await tx.accountToken.updateMany({ where: { userId: user.id, usedAt: null, OR: [{ email: user.email }, { purpose: "change-email" }] }, data: { usedAt: now } });
    await mailEmailChanged(tx, { ...user, email: change.email }, user.email);
    return { ok: true, kind: "changed", email: change.email };
  });
}
