import "server-only";
import { randomBytes } from "node:crypto";
import { hashToken } from "@/app/_lib/account-tokens/token";
import type { Transaction } from "@/app/_lib/db/client";

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32 (no i, l, o, u): 16 characters carry 80 random bits, too many to guess.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
export const RECOVERY_CODE_PATTERN = /^[0-9abcdefghjkmnpqrstvwxyz]{16}$/;

function newCode(): string {
  const bytes = randomBytes(16);
  let code = "";
  for (const byte of bytes) code += ALPHABET[byte % 32];
  return code;
}

/** As shown to the person: four groups of four. */
export const displayRecoveryCode = (code: string): string => code.match(/.{4}/g)!.join("-");

/**
 * Replaces every recovery code of the account with ten new ones and returns them, for showing
 * once. Only their SHA-256 is stored (like emailed tokens: random enough that no slow hash is
 * needed), so the database never holds a code anyone could type.
 */
export async function replaceRecoveryCodes(tx: Pick<Transaction, "recoveryCode">, userId: string, now = new Date()): Promise<string[]> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashToken(code), createdAt: now })) });
  return codes.map(displayRecoveryCode);
}

/** Spends a recovery code (already normalized) once: the conditional update is the check. */
export async function spendRecoveryCode(client: Pick<Transaction, "recoveryCode">, userId: string, code: string, now = new Date()): Promise<boolean> {
  if (!RECOVERY_CODE_PATTERN.test(code)) return false;
  const spent = await client.recoveryCode.updateMany({ where: { userId, codeHash: hashToken(code), usedAt: null }, data: { usedAt: now } });
  return spent.count === 1;
}
