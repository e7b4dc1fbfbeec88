import "server-only";
import { db } from "@/app/_lib/db";
import type { Transaction } from "@/app/_lib/db/client";

export { SESSION_MAX_AGE_SECONDS, SESSION_RENEW_AFTER_SECONDS } from "./session-lifetime";

/**
 * Ends every session of a user: each session carries the version it was issued under, and the
 * viewer is read only while that is still the user's version (viewer.ts).
 */
export async function endAllSessions(userId: string, client: Pick<Transaction, "user"> = db): Promise<void> {
  await client.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
