import "server-only";
import { db } from "@/app/_lib/db";
import { clearLimit, consumeLimit, forgetHit, SIGN_IN_FAILURES, SIGN_IN_FAILURES_PER_ADDRESS, waitMessage, type Limit } from "@/app/_lib/rate-limit";
import { verifyPassword } from "./password";

export type PasswordSignIn = { ok: true; user: { id: string; name: string; email: string } } | { ok: false; message?: string };

/**
 * Failures are limited per account *and address*, and per address: five wrong passwords lock
 * that account from that address for 15 minutes, and twenty from one address lock the address.
 * Nobody can lock the owner out from elsewhere by failing on purpose. Each attempt is counted
 * before its password is checked (atomically, see rate-limit.ts), so guesses sent all at once get
 * no more checks than guesses sent one by one; a right password takes its count back.
 */
export function signInLimits(email: string, address: string): { account: Limit; address: Limit } {
  return {
    account: { bucket: `sign-in:account:${email}:from:${address}`, ...SIGN_IN_FAILURES },
    address: { bucket: `sign-in:address:${address}`, ...SIGN_IN_FAILURES_PER_ADDRESS },
  };
}

export async function signInWithPassword(email: string, password: string, address: string): Promise<PasswordSignIn> {
  const limits = signInLimits(email, address);
  const counted: string[] = [];
  for (const limit of [limits.account, limits.address]) {
    const state = await consumeLimit(limit);
    if (state.limited) {
      await Promise.all(counted.map(forgetHit));
      return { ok: false, message: `Too many failed sign-in attempts. Try again ${waitMessage(state.retryAfterMs)}.` };
    }
    counted.push(state.hitId);
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, passwordHash: true, status: true, statusReason: true } });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) return { ok: false };
  // Only someone who knows the password learns that the account is banned, and why.
  if (user.status === "BANNED") return { ok: false, message: `This account has been banned.${user.statusReason ? ` Reason: ${user.statusReason}` : ""}` };
  await clearLimit(limits.account.bucket);
  await Promise.all(counted.map(forgetHit));
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
