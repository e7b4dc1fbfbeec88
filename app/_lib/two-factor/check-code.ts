import "server-only";
import { db } from "@/app/_lib/db";
import { consumeLimit, forgetHit, TWO_FACTOR_CODES, TWO_FACTOR_CODES_PER_ADDRESS, waitMessage, type Limit } from "@/app/_lib/rate-limit";
import { normalizeCode } from "@/app/_lib/schemas/two-factor";
import { spendRecoveryCode } from "./recovery-codes";
import { openSecret } from "./secret-box";
import { matchingStep } from "./totp";

export type CodeCheck = { ok: true; kind: "authenticator" | "recovery" } | { ok: false; message: string };

const isAuthenticatorCode = (code: string) => /^\d{6}$/.test(code);

export const WRONG_CODE = "That code is not right, or it has already been used. Enter the current code from your authenticator app, or an unused recovery code.";

/**
 * Accepts an authenticator code for a step later than the last one used (the conditional update
 * is the replay check, so the same code sent twice at once passes once), or spends a recovery code.
 */
async function accept(userId: string, code: string, now: Date): Promise<"authenticator" | "recovery" | null> {
  if (isAuthenticatorCode(code)) {
    const row = await db.twoFactor.findUnique({ where: { userId }, select: { secretBox: true, enabledAt: true, lastUsedStep: true } });
    const secret = row?.enabledAt ? openSecret(row.secretBox) : null;
    if (!row || !secret) return null;
    const step = await matchingStep(secret, code, row.lastUsedStep, now);
    if (step === null) return null;
    const claimed = await db.twoFactor.updateMany({
      where: { userId, enabledAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
    });
    return claimed.count === 1 ? "authenticator" : null;
  }
  const on = await db.twoFactor.count({ where: { userId, enabledAt: { not: null } } });
  return on && (await spendRecoveryCode(db, userId, code, now)) ? "recovery" : null;
}

/**
 * The limits a code is counted against: an authenticator code against the account's and this
 * address's, a recovery code against this address's alone (see TWO_FACTOR_CODES_PER_ADDRESS).
 */
function limitsFor(userId: string, code: string, address: string): Limit[] {
  const perAddress = { bucket: `two-factor:${userId}:from:${address}`, ...TWO_FACTOR_CODES_PER_ADDRESS };
  return isAuthenticatorCode(code) ? [{ bucket: `two-factor:${userId}`, ...TWO_FACTOR_CODES }, perAddress] : [perAddress];
}

/**
 * The second factor of an account with two-factor on, tried from `address`. Each try is counted
 * before it is checked and a right one taken back, so however many are sent at once, five wrong
 * ones lock the codes.
 */
export async function checkSecondFactor(userId: string, input: string, address: string, now = new Date()): Promise<CodeCheck> {
  const code = normalizeCode(input);
  const hits: string[] = [];
  for (const limit of limitsFor(userId, code, address)) {
    const state = await consumeLimit(limit, now);
    if (state.limited) {
      await Promise.all(hits.map(forgetHit));
      return { ok: false, message: `Too many wrong codes. Try again ${waitMessage(state.retryAfterMs)}.` };
    }
    hits.push(state.hitId);
  }
  const kind = await accept(userId, code, now);
  if (!kind) return { ok: false, message: WRONG_CODE };
  await Promise.all(hits.map(forgetHit));
  return { ok: true, kind };
}

/** Whether signing in to this account needs a code. */
export async function twoFactorIsOn(userId: string): Promise<boolean> {
  return (await db.twoFactor.count({ where: { userId, enabledAt: { not: null } } })) > 0;
}
