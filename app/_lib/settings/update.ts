import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, refusalFor } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { loadSettings, saveSettings, settingsChanged } from "./index";
import type { Settings } from "./schema";

export type UpdateSettingsResult = { ok: true; changed: string[] } | { ok: false; message: string };

/** Admins change site settings; the change and its before/after values are logged. */
export async function updateSettings(viewer: Viewer | null, next: Settings): Promise<UpdateSettingsResult> {
  if (!hasRole(viewer, "ADMIN")) return { ok: false, message: refusalFor(viewer, "Only administrators can change settings.") };
  const current = await loadSettings();
  // Requiring two-factor of staff takes moderation from every one of them without it, the admin too.
  if (next.requireTwoFactorForStaff && !current.requireTwoFactorForStaff && !viewer.twoFactorOn) {
    return { ok: false, message: "Set up two-factor authentication on your own account page (/account) before requiring it of moderators and admins." };
  }
  const changed = await db.$transaction(async (tx) => {
    const keys = await saveSettings(tx, next, current, viewer.id);
    if (keys.length) {
      const detail = Object.fromEntries(keys.map((key) => [key, { from: current[key as keyof Settings], to: next[key as keyof Settings] }]));
      await tx.moderationEvent.create({ data: { action: "SETTING_CHANGE", moderatorId: viewer.id, detail: JSON.stringify(detail) } });
    }
    return keys;
  });
  settingsChanged();
  return { ok: true, changed };
}
