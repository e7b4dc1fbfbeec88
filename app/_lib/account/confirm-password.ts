import "server-only";
import { verifyPassword } from "@/app/_lib/auth/password";
import { db } from "@/app/_lib/db";
import { consumeLimit, forgetHit, PASSWORD_CONFIRMATIONS, waitMessage } from "@/app/_lib/rate-limit";

export type Confirmation = { ok: true } | { ok: false; message: string };

/**
 * Checks the account's current password before a change to the account. Each try is counted
 * first and a right one taken back, so whoever holds a stolen session gets five guesses in 15
 * minutes, however many they send at once.
 */
export async function confirmCurrentPassword(userId: string, password: string, now = new Date()): Promise<Confirmation> {
  const limit = await consumeLimit({ bucket: `confirm-password:${userId}`, ...PASSWORD_CONFIRMATIONS }, now);
  if (limit.limited) return { ok: false, message: `Too many wrong passwords. Try again ${waitMessage(limit.retryAfterMs)}.` };
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash, password))) return { ok: false, message: "That is not your current password." };
  await forgetHit(limit.hitId);
  return { ok: true };
}
