import "server-only";
import { hashPassword } from "@/app/_lib/auth/password";
import { issueToken } from "@/app/_lib/account-tokens/token";
import { db } from "@/app/_lib/db";
import { isUniqueViolation } from "@/app/_lib/db/errors";
import { mailAccountExists, mailVerification } from "@/app/_lib/mail/account-mail";
import { ACCOUNT_EMAILS_PER_ADDRESS, consumeLimit } from "@/app/_lib/rate-limit";
import type { RegisterInput } from "@/app/_lib/schemas/account";

/**
 * Registers a reader without telling the person at the keyboard whether the address was free:
 * a new address gets an account and a verification link, an address with an account gets an
 * email saying so (with sign-in and reset links), and both answer alike. The password is hashed
 * either way, so both take as long. Notices to an existing address are limited, so registration
 * cannot be used to fill someone's inbox.
 */
export async function registerReader(input: RegisterInput, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
  if (existing) return noticeExistingAccount(existing, now);
  try {
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name: input.name, email: input.email, passwordHash, createdAt: now }, select: { id: true, name: true, email: true } });
      await mailVerification(tx, user, await issueToken(tx, { userId: user.id, purpose: "verify-email", email: user.email, now }));
    });
  } catch (error) {
    // Someone registered the same address a moment earlier: the same answer as any taken address.
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
    if (winner) await noticeExistingAccount(winner, now);
  }
}

async function noticeExistingAccount(user: { id: string; name: string; email: string }, now: Date): Promise<void> {
  const limit = await consumeLimit({ bucket: `account-exists:${user.email}`, ...ACCOUNT_EMAILS_PER_ADDRESS }, now);
  if (limit.limited) return;
  await db.$transaction((tx) => mailAccountExists(tx, user));
}
