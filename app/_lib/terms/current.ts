import "server-only";
import { db } from "@/app/_lib/db";
import { shortLived } from "@/app/_lib/short-lived";

/** Every version's number and start, newest first: a handful of rows, read every few seconds. */
const versions = shortLived(5_000, () => db.termsVersion.findMany({ orderBy: { version: "desc" }, select: { version: true, effectiveAt: true } }), { sharedAs: "terms" });

/** Called after a version is published, so this instance knows of it at once. */
export const termsChanged = (): void => versions.forget();

/** The number of the terms version in force now, or null when none is published. */
export async function currentTermsVersion(now = new Date()): Promise<number | null> {
  return (await versions()).find((terms) => terms.effectiveAt <= now)?.version ?? null;
}
