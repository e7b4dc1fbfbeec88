import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { isUniqueViolation } from "@/app/_lib/db/errors";
import { consumeLimit, forgetHit, TWO_FACTOR_CODES, waitMessage } from "@/app/_lib/rate-limit";
import { replaceRecoveryCodes } from "./recovery-codes";
import { openSecret, sealSecret } from "./secret-box";
import { matchingStep, newAuthenticatorSecret } from "./totp";

export type SetupResult = { ok: true } | { ok: false; message: string };
export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; field: "code" | "form"; message: string };

const SIGNED_OUT = "Your session has ended. Sign in again.";

/**
 * A new secret for the viewer, kept pending until a code from it is entered: until then sign-in
 * asks nothing more. Starting again replaces a pending secret, never an enabled one.
 */
export async function startTwoFactorSetup(viewer: Viewer | null): Promise<SetupResult> {
  if (!viewer) return { ok: false, message: SIGNED_OUT };
  try {
    await db.$transaction(async (tx) => {
      await tx.twoFactor.deleteMany({ where: { userId: viewer.id, enabledAt: null } });
      await tx.twoFactor.create({ data: { userId: viewer.id, secretBox: sealSecret(newAuthenticatorSecret()) } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, message: "Two-factor authentication is already on." };
    throw error;
  }
  return { ok: true };
}

/**
 * Turns two-factor on once the person shows a current code from the pending secret (so their app
 * has it), and returns ten recovery codes to show this once. The code's step counts as used.
 */
export async function confirmTwoFactorSetup(viewer: Viewer | null, code: string, now = new Date()): Promise<ConfirmResult> {
  if (!viewer) return { ok: false, field: "form", message: SIGNED_OUT };
  const row = await db.twoFactor.findUnique({ where: { userId: viewer.id }, select: { secretBox: true, enabledAt: true } });
  if (row?.enabledAt) return { ok: false, field: "form", message: "Two-factor authentication is already on." };
  const secret = row ? openSecret(row.secretBox) : null;
  if (!row || !secret) return { ok: false, field: "form", message: "Start the set-up again." };
  const limit = await consumeLimit({ bucket: `two-factor:${viewer.id}`, ...TWO_FACTOR_CODES }, now);
  if (limit.limited) return { ok: false, field: "code", message: `Too many wrong codes. Try again ${waitMessage(limit.retryAfterMs)}.` };
  const step = await matchingStep(secret, code, null, now);
  if (step === null) return { ok: false, field: "code", message: "That code is not right. Enter the code your authenticator app shows now (check that the device's clock is right)." };
  await forgetHit(limit.hitId);
  const recoveryCodes = await db.$transaction(async (tx) => {
    // Only the secret the code was checked against: a set-up started again meanwhile is not enabled.
    const enabled = await tx.twoFactor.updateMany({ where: { userId: viewer.id, enabledAt: null, secretBox: row.secretBox }, data: { enabledAt: now, lastUsedStep: step } });
    return enabled.count === 1 ? replaceRecoveryCodes(tx, viewer.id, now) : null;
  });
  if (!recoveryCodes) return { ok: false, field: "form", message: "Start the set-up again." };
  return { ok: true, recoveryCodes };
}
