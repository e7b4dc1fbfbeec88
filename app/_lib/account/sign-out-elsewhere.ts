import "server-only";
import { endAllSessions } from "@/app/_lib/auth/sessions";
import type { Viewer } from "@/app/_lib/auth/viewer";

/** Ends every session of the account; the caller keeps its own (keepThisSession). */
export async function signOutEverywhereElse(viewer: Viewer | null): Promise<boolean> {
  if (!viewer) return false;
  await endAllSessions(viewer.id);
  return true;
}
