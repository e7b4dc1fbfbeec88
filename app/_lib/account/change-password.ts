import "server-only";
import { accountLock, spendAllTokens, TAKEOVER_LINKS } from "@/app/_lib/account-tokens/token";
import { hashPassword } from "@/app/_lib/auth/password";
import { endSessionsFrom } from "@/app/_lib/auth/sessions";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { lockFor } from "@/app/_lib/db/lock";
import { mailPasswordChanged } from "@/app/_lib/mail/account-mail";
import type { ChangePasswordInput } from "@/app/_lib/schemas/account";
import { confirmCurrentPassword } from "./confirm-password";

export type ChangePasswordResult = { ok: true; sessionVersion: number } | { ok: false; field: "currentPassword" | "form"; message: string };

const SESSION_ENDED = "Your session has ended. Sign in again.";

/**
 * A new password for a signed-in person who knows the current one, asked from the session with
 * this version. Every other session ends (the caller keeps its own with keepThisSession, under
 * the version returned), open reset and change-of-address links die, and the owner is told.
 */
export async function changePassword(viewer: Viewer | null, sessionVersion: number, input: ChangePasswordInput, now = new Date()): Promise<ChangePasswordResult> {
  if (!viewer) return { ok: false, field: "form", message: SESSION_ENDED };
  const confirmed = await confirmCurrentPassword(viewer.id, input.currentPassword, now);
  if (!confirmed.ok) return { ok: false, field: "currentPassword", message: confirmed.message };
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx): Promise<ChangePasswordResult> => {
    await lockFor(tx, accountLock(viewer.id));
    // Ended meanwhile (a reset, another session's "end every other session"): nothing changes.
    const version = await endSessionsFrom(viewer.id, sessionVersion, tx);
    if (version === null) return { ok: false, field: "form", message: SESSION_ENDED };
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash } });
    await spendAllTokens(tx, viewer.id, TAKEOVER_LINKS, now);
    await mailPasswordChanged(tx, viewer);
    return { ok: true, sessionVersion: version };
  });
}
