import "server-only";
import { spendAllTokens } from "@/app/_lib/account-tokens/token";
import { hashPassword } from "@/app/_lib/auth/password";
import { endAllSessions } from "@/app/_lib/auth/sessions";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { mailPasswordChanged } from "@/app/_lib/mail/account-mail";
import type { ChangePasswordInput } from "@/app/_lib/schemas/account";
import { confirmCurrentPassword } from "./confirm-password";

export type ChangePasswordResult = { ok: true } | { ok: false; field: "currentPassword" | "form"; message: string };

/**
 * A new password for a signed-in person who knows the current one. Every session ends (the
 * caller keeps its own with keepThisSession), open reset links die, and the owner is told.
 */
export async function changePassword(viewer: Viewer | null, input: ChangePasswordInput, now = new Date()): Promise<ChangePasswordResult> {
  if (!viewer) return { ok: false, field: "form", message: "Your session has ended. Sign in again." };
  const confirmed = await confirmCurrentPassword(viewer.id, input.currentPassword, now);
  if (!confirmed.ok) return { ok: false, field: "currentPassword", message: confirmed.message };
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash } });
    await endAllSessions(viewer.id, tx);
    await spendAllTokens(tx, viewer.id, ["reset-password"], now);
    await mailPasswordChanged(tx, viewer);
  });
  return { ok: true };
}
