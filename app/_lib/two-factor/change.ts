import "server-only";
import { confirmCurrentPassword } from "@/app/_lib/account/confirm-password";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import type { TwoFactorChangeInput } from "@/app/_lib/schemas/two-factor";
import { checkSecondFactor } from "./check-code";
import { replaceRecoveryCodes } from "./recovery-codes";

type Field = "password" | "code" | "form";
export type TurnOffResult = { ok: true } | { ok: false; field: Field; message: string };
export type RegenerateResult = { ok: true; recoveryCodes: string[] } | { ok: false; field: Field; message: string };

/**
 * A stolen session alone cannot weaken the account: turning two-factor off or minting recovery
 * codes needs the password or a code as well (each with its own limit on wrong tries).
 */
async function confirmOwner(viewer: Viewer, input: TwoFactorChangeInput, address: string): Promise<{ ok: true } | { ok: false; field: Field; message: string }> {
  if (input.password) {
    const confirmed = await confirmCurrentPassword(viewer.id, input.password);
    return confirmed.ok ? confirmed : { ok: false, field: "password", message: confirmed.message };
  }
  const checked = await checkSecondFactor(viewer.id, input.code ?? "", address);
  return checked.ok ? { ok: true } : { ok: false, field: "code", message: checked.message };
}

const NOT_ON = { ok: false, field: "form", message: "Two-factor authentication is not on." } as const;

export async function turnOffTwoFactor(viewer: Viewer | null, input: TwoFactorChangeInput, address: string): Promise<TurnOffResult> {
  if (!viewer) return { ok: false, field: "form", message: "Your session has ended. Sign in again." };
  if (!(await db.twoFactor.count({ where: { userId: viewer.id, enabledAt: { not: null } } }))) return NOT_ON;
  const confirmed = await confirmOwner(viewer, input, address);
  if (!confirmed.ok) return confirmed;
  await db.$transaction([db.recoveryCode.deleteMany({ where: { userId: viewer.id } }), db.twoFactor.deleteMany({ where: { userId: viewer.id } })]);
  return { ok: true };
}

/** Ten new recovery codes; every earlier one stops working. */
export async function regenerateRecoveryCodes(viewer: Viewer | null, input: TwoFactorChangeInput, address: string): Promise<RegenerateResult> {
  if (!viewer) return { ok: false, field: "form", message: "Your session has ended. Sign in again." };
  if (!(await db.twoFactor.count({ where: { userId: viewer.id, enabledAt: { not: null } } }))) return NOT_ON;
  const confirmed = await confirmOwner(viewer, input, address);
  if (!confirmed.ok) return confirmed;
  return { ok: true, recoveryCodes: await db.$transaction((tx) => replaceRecoveryCodes(tx, viewer.id)) };
}
