import "server-only";
import { db } from "@/app/_lib/db";
import type { Transaction } from "@/app/_lib/db/client";
import { lockFor } from "@/app/_lib/db/lock";

/**
 * Sliding-window limits kept in the database, so every app instance sharing it sees the same
 * counts. Counting is atomic: `consumeLimit` locks the bucket, counts its window and records the
 * new hit in one transaction, so of any number of requests at the same moment exactly `max` in a
 * window get through (a check first and a record later let 40 of 50 simultaneous guesses in).
 */
export type Limit = { bucket: string; max: number; windowMs: number };
export type LimitState = { limited: false } | { limited: true; retryAfterMs: number };
export type Consumed = { limited: false; hitId: string } | { limited: true; retryAfterMs: number };

async function stateIn(client: Pick<Transaction, "rateLimitHit">, { bucket, max, windowMs }: Limit, now: Date): Promise<LimitState> {
  const since = new Date(now.getTime() - windowMs);
  const hits = await client.rateLimitHit.findMany({
    where: { bucket, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: max,
    select: { createdAt: true },
  });
  if (hits.length < max) return { limited: false };
  const oldestCounted = hits[hits.length - 1]!.createdAt;
  return { limited: true, retryAfterMs: Math.max(1000, oldestCounted.getTime() + windowMs - now.getTime()) };
}

/** Looks without counting (for showing a wait before anything is tried). */
export function checkLimit(limit: Limit, now = new Date()): Promise<LimitState> {
  return stateIn(db, limit, now);
}

/** Counts one attempt if the window has room for it; refuses it, uncounted, if not. */
export function consumeLimit(limit: Limit, now = new Date()): Promise<Consumed> {
  return db.$transaction(async (tx) => {
    await lockFor(tx, `rate-limit:${limit.bucket}`);
    const state = await stateIn(tx, limit, now);
    if (state.limited) return state;
    const hit = await tx.rateLimitHit.create({ data: { bucket: limit.bucket, createdAt: now }, select: { id: true } });
    // Old hits count for nothing; dropping them keeps the table small.
    await tx.rateLimitHit.deleteMany({ where: { bucket: limit.bucket, createdAt: { lt: new Date(now.getTime() - limit.windowMs) } } });
    return { limited: false as const, hitId: hit.id };
  });
}

/** Takes back one counted attempt (it turned out not to be a failure). */
export async function forgetHit(hitId: string): Promise<void> {
  await db.rateLimitHit.deleteMany({ where: { id: hitId } });
}

export async function clearLimit(bucket: string): Promise<void> {
  await db.rateLimitHit.deleteMany({ where: { bucket } });
}

export function waitMessage(retryAfterMs: number): string {
  const minutes = Math.ceil(retryAfterMs / 60_000);
  return minutes <= 1 ? "in a minute" : `in ${minutes} minutes`;
}

/** Failed sign-ins to one account from one address (see SECURITY.md for the policy). */
export const SIGN_IN_FAILURES = { max: 5, windowMs: 15 * 60_000 };
/** Failed sign-ins from one address, whatever the accounts. */
export const SIGN_IN_FAILURES_PER_ADDRESS = { max: 20, windowMs: 15 * 60_000 };
export const REGISTRATIONS = { max: 5, windowMs: 60 * 60_000 };
/** Emails a person can make the site send to one address about its account (links and notices). */
export const ACCOUNT_EMAILS_PER_ADDRESS = { max: 3, windowMs: 60 * 60_000 };
/** Password resets asked for from one network, whatever the addresses. */
export const PASSWORD_RESETS_PER_CLIENT = { max: 10, windowMs: 60 * 60_000 };
// New passwords set with a reset link, per network: a person needs one or two.
export const PASSWORD_RESET_SUBMISSIONS_PER_CLIENT = { max: 20, windowMs: 60 * 60_000 };
/** Wrong current passwords on the account page: a stolen session cannot guess its way to the password. */
export const PASSWORD_CONFIRMATIONS = { max: 5, windowMs: 15 * 60_000 };

export { clientAddress } from "./client-address";
/**
 * Wrong authenticator codes per account, from anywhere: whoever tries them already has the
 * password, so spreading guesses over addresses must not buy more (five in 15 minutes leave a
 * 6-digit code safe for years).
 */
export const TWO_FACTOR_CODES = { max: 5, windowMs: 15 * 60_000 };
/**
 * Wrong codes of either kind per account and address. Recovery codes (80 random bits) count only
 * here, not towards the account's limit above, so someone who has the password and keeps the
 * authenticator codes locked still cannot keep the owner out: a recovery code from the owner's
 * own address works.
 */
export const TWO_FACTOR_CODES_PER_ADDRESS = { max: 5, windowMs: 15 * 60_000 };
