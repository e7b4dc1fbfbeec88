import "server-only";
import { z } from "zod";
import { db } from "@/app/_lib/db";

/** Site settings with their defaults; admins change them, stored one JSON value per key. */
export const settingsSchema = z.object({
  /** Flood control: the least time between two comments by one reader. */
  commentIntervalSeconds: z.number().int().min(0).max(3600).default(15),
  /** How deep replies may nest (1 = no replies). */
  maxReplyDepth: z.number().int().min(1).max(10).default(3),
  /** An identical comment by the same author on the same post within this time is refused. */
  duplicateWindowMinutes: z.number().int().min(0).max(24 * 60).default(10),
});
export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = settingsSchema.parse({});

export async function getSettings(): Promise<Settings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.keys(defaultSettings) } } });
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
