import "server-only";
import { hasRole } from "@/app/_lib/auth/require";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import type { PreferencesInput } from "@/app/_lib/schemas/account";

export type Preferences = { notifyOnDecision: boolean; moderatorAlerts: "NONE" | "EACH" | "DAILY"; hasPassword: boolean };

export async function getPreferences(viewer: Viewer): Promise<Preferences> {
  const { passwordHash, ...preferences } = await db.user.findUniqueOrThrow({
    where: { id: viewer.id },
    select: { notifyOnDecision: true, moderatorAlerts: true, passwordHash: true },
  });
  return { ...preferences, hasPassword: Boolean(passwordHash) };
}

/** A reader's email choices; moderator alerts only change for moderators and admins. */
export async function updatePreferences(viewer: Viewer | null, input: PreferencesInput): Promise<boolean> {
  if (!viewer) return false;
  await db.user.update({
    where: { id: viewer.id },
    data: { notifyOnDecision: input.notifyOnDecision, moderatorAlerts: hasRole(viewer, "MODERATOR") ? input.moderatorAlerts : undefined },
  });
  return true;
}
