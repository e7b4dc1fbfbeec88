import "server-only";
import { confirmCurrentPassword } from "@/app/_lib/account/confirm-password";
import { endSessionsFrom } from "@/app/_lib/auth/sessions";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { isUniqueViolation } from "@/app/_lib/db/errors";
import { consumeLimit, forgetHit, TWO_FACTOR_CODES, waitMessage } from "@/app/_lib/rate-limit";
import type { ConfirmTwoFactorInput } from "@/app/_lib/schemas/two-factor";
import { PASSWORD_FIRST } from "./messages";
import { replaceRecoveryCodes } from "./recovery-codes";
import { openSecret, sealSecret } from "./secret-box";
import { matchingStep, newAuthenticatorSecret } from "./totp";

class SessionEnded extends Error {}

export type SetupResult = { ok: true } | { ok: false; message: string };
export type ConfirmResult = { ok: true; recoveryCodes: string[]; sessionVersion: number } | { ok: false; field: "code" | "password" | "form"; message: string };

const SIGNED_OUT = "Your session has ended. Sign in again.";

/**
 * Turning two-factor on takes the account's password as well as the session: with the session
 * alone, whoever stole it could turn it on with their own phone and lock the owner out. An account
 * that signs in only through a provider sets a password first (through an emailed link).
 */
async function hasPassword(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return Boolean(user?.passwordHash);
}

/**
 * A new secret for the viewer, kept pending until a code from it is entered: until then sign-in
 * asks nothing more. Starting again replaces a pending secret, never an enabled one.
 */
export async function startTwoFactorSetup(viewer: Viewer | null): Promise<SetupResult> {
  if (!viewer) return { ok: false, message: SIGNED_OUT };
  if (!(await hasPassword(viewer.id))) return { ok: false, message: PASSWORD_FIRST };
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
 * Turns two-factor on once the person gives their password and a current code from the pending
 * secret (so their app has it), and returns ten recovery codes to show this once. The code's step
 * counts as used. Every other session ends: none of them gave a second factor, and where the site
 * requires two-factor of its staff they would otherwise gain its powers now. The caller keeps its
 * own session under the returned version (keepThisSession).
 */
export async function confirmTwoFactorSetup(viewer: Viewer | null, input: ConfirmTwoFactorInput, sessionVersion: number, now = new Date()): Promise<ConfirmResult> {
  if (!viewer) return { ok: false, field: "form", message: SIGNED_OUT };
  if (!(await hasPassword(viewer.id))) return { ok: false, field: "form", message: PASSWORD_FIRST };
  const confirmed = await confirmCurrentPassword(viewer.id, input.password, now);
  if (!confirmed.ok) return { ok: false, field: "password", message: confirmed.message };
  const code = input.code;
  const row = await db.twoFactor.findUnique({ where: { userId: viewer.id }, select: { secretBox: true, enabledAt: true } });
  if (row?.enabledAt) return { ok: false, field: "form", message: "Two-factor authentication is already on." };
  const secret = row ? openSecret(row.secretBox) : null;
  if (!row || !secret) return { ok: false, field: "form", message: "Start the set-up again." };
  const limit = await consumeLimit({ bucket: `two-factor:${viewer.id}`, ...TWO_FACTOR_CODES }, now);
  if (limit.limited) return { ok: false, field: "code", message: `Too many wrong codes. Try again ${waitMessage(limit.retryAfterMs)}.` };
  const step = await matchingStep(secret, code, null, now);
  if (step === null) return { ok: false, field: "code", message: "That code is not right. Enter the code your authenticator app shows now (check that the device's clock is right)." };
  await forgetHit(limit.hitId);
  const outcome = await db.$transaction(async (tx) => {
    // Only the secret the code was checked against: a set-up started again meanwhile is not enabled.
    const enabled = await tx.twoFactor.updateMany({ where: { userId: viewer.id, enabledAt: null, secretBox: row.secretBox }, data: { enabledAt: now, lastUsedStep: step } });
    if (enabled.count !== 1) return "start again" as const;
    const version = await endSessionsFrom(viewer.id, sessionVersion, tx);
    // This session ended meanwhile (a password reset, say): nothing is turned on.
    if (version === null) throw new SessionEnded();
    return { recoveryCodes: await replaceRecoveryCodes(tx, viewer.id, now), sessionVersion: version };
  }).catch((error: unknown) => {
    if (error instanceof SessionEnded) return "signed out" as const;
    throw error;
  });
  if (outcome === "start again") return { ok: false, field: "form", message: "Start the set-up again." };
  if (outcome === "signed out") return { ok: false, field: "form", message: SIGNED_OUT };
  return { ok: true, ...outcome };
}
