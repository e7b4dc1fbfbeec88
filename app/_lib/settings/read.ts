import type { Database, Transaction } from "@/app/_lib/db/client";
import { defaultSettings, settingsSchema, type Settings } from "./schema";

/** Defaults the environment chooses for this deployment (the test suite's server posts at machine speed). */
function environmentDefaults(): Partial<Settings> {
  const minSeconds = process.env.COMMENT_MIN_SECONDS;
  if (minSeconds === undefined || minSeconds.trim() === "") return {};
  const parsed = settingsSchema.shape.minSecondsToComment.safeParse(Number(minSeconds));
  return parsed.success ? { minSecondsToComment: parsed.data } : {};
}

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
  const parsed = settingsSchema.safeParse({ ...defaultSettings, ...environmentDefaults(), ...stored });
  return parsed.success ? parsed.data : { ...defaultSettings, ...environmentDefaults() };
}
