import "server-only";
import { db } from "@/app/_lib/db";
import { CODE_ERROR_PREFIX, CODE_NEEDED, secondFactorCodeField } from "@/app/_lib/schemas/two-factor";
import { checkSecondFactor, twoFactorIsOn } from "./check-code";
import { verifyPendingSignIn } from "./pending-sign-in";

/**
 * After the password (or a provider) proved who is signing in: null when the session may be
 * made, else what the sign-in form is told (a code is needed, or the code given was not right).
 */
export async function secondStepRefusal(userId: string, code: unknown, address: string, now = new Date()): Promise<string | null> {
  if (!(await twoFactorIsOn(userId))) return null;
  if (typeof code !== "string" || code.trim() === "") return CODE_NEEDED;
  const parsed = secondFactorCodeField.safeParse(code);
  if (!parsed.success) return `${CODE_ERROR_PREFIX}${parsed.error.issues[0]!.message}`;
  const checked = await checkSecondFactor(userId, parsed.data, address, now);
  return checked.ok ? null : `${CODE_ERROR_PREFIX}${checked.message}`;
}

export type PendingSignIn = { ok: true; user: { id: string; name: string; email: string } } | { ok: false; message: string };

/** Completes a provider sign-in that stopped for a code: the note must be good and the account still open. */
export async function completePendingSignIn(token: string, code: string, address: string, now = new Date()): Promise<PendingSignIn> {
  const userId = verifyPendingSignIn(token, now);
  if (!userId) return { ok: false, message: "This sign-in has expired. Start again." };
  const user = await db.user.findFirst({ where: { id: userId, deletedAt: null }, select: { id: true, name: true, email: true, status: true } });
  if (!user) return { ok: false, message: "That account has been closed." };
  if (user.status === "BANNED") return { ok: false, message: "This account has been banned." };
  const refusal = await secondStepRefusal(user.id, code, address, now);
  if (refusal) return { ok: false, message: refusal };
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
