import "server-only";
import { db } from "@/app/_lib/db";
import type { Transaction } from "@/app/_lib/db/client";

export { SESSION_MAX_AGE_SECONDS, SESSION_RENEW_AFTER_SECONDS } from "./session-lifetime";

/**
 * Ends every session of a user: each session carries the version it was issued under, and the
 * viewer is read only while that is still the user's version (viewer.ts).
 */
/**
 * Ends every other session of a user from the session with this version: the version moves on
 * only if it still is this one, so a session already ended (by a reset under way, say) cannot
 * end the others and issue itself a new one. Returns the new version, or null when the asking
 * session has ended.
 */
export async function endSessionsFrom(userId: string, version: number, client: Pick<Transaction, "user"> = db): Promise<number | null> {
  const moved = await client.user.updateMany({ where: { id: userId, sessionVersion: version, deletedAt: null }, data: { sessionVersion: version + 1 } });
  return moved.count === 1 ? version + 1 : null;
}

export async function endAllSessions(userId: string, client: Pick<Transaction, "user"> = db): Promise<void> {
  await client.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
