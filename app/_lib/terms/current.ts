import "server-only";
import { db } from "@/app/_lib/db";

/** The number of the terms version in force now, or null when none is published. */
export async function currentTermsVersion(now = new Date()): Promise<number | null> {
  const terms = await db.termsVersion.findFirst({ where: { effectiveAt: { lte: now } }, orderBy: { version: "desc" }, select: { version: true } });
  return terms?.version ?? null;
}
