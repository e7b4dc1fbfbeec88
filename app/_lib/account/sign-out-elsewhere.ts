import "server-only";
import { accountLock, spendAllTokens, TAKEOVER_LINKS } from "@/app/_lib/account-tokens/token";
import { endSessionsFrom } from "@/app/_lib/auth/sessions";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { lockFor } from "@/app/_lib/db/lock";

/**
 * Ends every other session of the account, and the open reset and change-of-address links with
 * them (one a thief asked for would hand the account back). Returns the version this session is
 * kept under (keepThisSession), or null when this session itself has ended meanwhile.
 */
export async function signOutEverywhereElse(viewer: Viewer | null, sessionVersion: number, now = new Date()): Promise<number | null> {
  if (!viewer) return null;
  return db.$transaction(async (tx) => {
    await lockFor(tx, accountLock(viewer.id));
    const version = await endSessionsFrom(viewer.id, sessionVersion, tx);
    if (version !== null) await spendAllTokens(tx, viewer.id, TAKEOVER_LINKS, now);
    return version;
  });
}
