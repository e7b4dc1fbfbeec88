import type { Database, Transaction } from "@/app/_lib/db/client";
import { defaultSettings, settingsSchema, type Settings } from "./schema";

/** The settings stored in a database, each unreadable or missing one as its default. */
export async function readSettings(database: Database | Transaction): Promise<Settings> {
  const rows = await database.setting.findMany({ where: { key: { in: Object.keys(defaultSettings) } } });
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // an unreadable value falls back to the default
    }
  }
  const parsed = settingsSchema.safeParse({ ...defaultSettings, ...stored });
  return parsed.success ? parsed.data : defaultSettings;
}
