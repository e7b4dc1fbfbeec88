import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { openSecret } from "./secret-box";
import { authenticatorUri, qrSvg } from "./totp";

export type TwoFactorStatus =
  | { state: "off" }
  /** Set up but not yet confirmed: the secret is shown (as a QR code and as text) only now. */
  | { state: "pending"; secret: string; qrSvg: string }
  | { state: "on"; enabledAt: Date; recoveryCodesLeft: number };

/** What the account page shows of the viewer's own two-factor; an enabled secret is never read. */
export async function twoFactorStatus(viewer: Viewer): Promise<TwoFactorStatus> {
  const row = await db.twoFactor.findUnique({ where: { userId: viewer.id }, select: { enabledAt: true, secretBox: true } });
  if (!row) return { state: "off" };
  if (row.enabledAt) {
    const recoveryCodesLeft = await db.recoveryCode.count({ where: { userId: viewer.id, usedAt: null } });
    return { state: "on", enabledAt: row.enabledAt, recoveryCodesLeft };
  }
  const secret = openSecret(row.secretBox);
  // Sealed under an earlier site secret: as if nothing was set up.
  if (!secret) return { state: "off" };
  return { state: "pending", secret, qrSvg: await qrSvg(authenticatorUri(viewer.email, secret)) };
}
