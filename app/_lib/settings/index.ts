import "server-only";
import type { Transaction } from "@/app/_lib/db/client";
import { db } from "@/app/_lib/db";
import { shortLived } from "@/app/_lib/short-lived";
import { readSettings } from "./read";
import { settingsSchema, defaultSettings, type Settings } from "./schema";

export { defaultSettings, settingsSchema, type Settings };

/** Without Redis, other instances see a change of settings within this time. */
export const SETTINGS_KEPT_MS = 5_000;

/** The settings as stored now, read from the database (for changing them). */
export const loadSettings = (): Promise<Settings> => readSettings(db);

const keptSettings = shortLived(SETTINGS_KEPT_MS, loadSettings, { sharedAs: "settings" });

/** The settings in force, as every request reads them: at most a few seconds old. */
export const getSettings = (): Promise<Settings> => keptSettings();

/** Called after the settings were written, so this instance applies them at once. */
export const settingsChanged = (): void => keptSettings.forget();

type Tx = Transaction;

/** Writes the values that changed and returns their keys. */
export async function saveSettings(tx: Tx, next: Settings, current: Settings, userId: string): Promise<string[]> {
  const changed = (Object.keys(next) as (keyof Settings)[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]));
  for (const key of changed) {
    const value = JSON.stringify(next[key]);
    await tx.setting.upsert({ where: { key }, update: { value, updatedById: userId }, create: { key, value, updatedById: userId } });
  }
  return changed;
}
