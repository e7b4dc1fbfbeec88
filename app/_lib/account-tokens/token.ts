import { createHash, randomBytes } from "node:crypto";
import type { Transaction } from "@/app/_lib/db/client";

export type TokenPurpose = "verify-email" | "change-email" | "reset-password";

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  "verify-email": 24 * 60 * 60_000,
  "change-email": 24 * 60 * 60_000,
  "reset-password": 60 * 60_000,
};

/** 32 random bytes, base64url: what a link carries. Anything else is not one of ours. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Tokens are looked up by their SHA-256, never compared as text: the database only ever sees the
 * hash, so the time an index lookup takes says nothing about the token, and a leaked copy of the
 * table holds nothing a link could be made from. The token has 256 bits, so no salt or slow hash
 * is needed (unlike a password, it cannot be guessed).
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

type Issue = { userId: string; purpose: TokenPurpose; email: string; now?: Date };

/** Stores a new token's hash in the caller's transaction and returns the token, for the email only. */
export async function issueToken(tx: Pick<Transaction, "accountToken">, { userId, purpose, email, now = new Date() }: Issue): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.accountToken.create({
    data: { userId, purpose, email, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]), createdAt: now },
  });
  return token;
}

export type SpentToken = { userId: string; email: string };

/**
 * Spends a token of this purpose, once: the conditional update is the check, so two requests with
 * the same link at the same moment cannot both use it. Call it inside the transaction that makes
 * the change, so a change that fails leaves the link unspent. Null for a token that is unknown,
 * of another purpose, used or expired.
 */
export async function spendToken(tx: Pick<Transaction, "accountToken">, token: string, purpose: TokenPurpose, now = new Date()): Promise<SpentToken | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  const spent = await tx.accountToken.updateMany({ where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (spent.count !== 1) return null;
  return tx.accountToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, email: true } });
}

/** Whether a link would still work, without spending it (for drawing the page it opens). */
export async function tokenIsUsable(tx: Pick<Transaction, "accountToken">, token: string, purpose: TokenPurpose, now = new Date()): Promise<boolean> {
  if (!TOKEN_PATTERN.test(token)) return false;
  const found = await tx.accountToken.findFirst({ where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } }, select: { id: true } });
  return found !== null;
}

/**
 * Links that hand the account to whoever holds them (a new password, a new address). A new
 * password or the end of other sessions spends them all: a link a thief asked for dies with the
 * thief's session.
 */
export const TAKEOVER_LINKS: TokenPurpose[] = ["reset-password", "change-email"];

/**
 * The account an open link of these purposes belongs to, without spending it: a transaction locks
 * that account before it spends the link, so every change to one account's links and sessions
 * takes the account's lock first, in the same order (PostgreSQL would otherwise deadlock them).
 */
export async function tokenOwner(client: Pick<Transaction, "accountToken">, token: string, purposes: TokenPurpose[], now = new Date()): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const found = await client.accountToken.findFirst({ where: { tokenHash: hashToken(token), purpose: { in: purposes }, usedAt: null, expiresAt: { gt: now } }, select: { userId: true } });
  return found?.userId ?? null;
}

/** The lock every change to an account's links, address, password or sessions takes first. */
export const accountLock = (userId: string): string => `account:${userId}`;

/** Spends every other open link of this purpose (a new password makes older reset links useless). */
export async function spendAllTokens(tx: Pick<Transaction, "accountToken">, userId: string, purposes: TokenPurpose[], now = new Date()): Promise<void> {
  await tx.accountToken.updateMany({ where: { userId, purpose: { in: purposes }, usedAt: null }, data: { usedAt: now } });
}
