import "server-only";
import { forbidden, redirect } from "next/navigation";
import { isBannedOrSuspended } from "@/app/_lib/users/standing";
import type { Role } from "./roles";
import { getViewer, type Viewer } from "./viewer";

const rank: Record<Role, number> = { READER: 0, MODERATOR: 1, ADMIN: 2 };

/**
 * Whether the viewer may act with the powers of `role`. A ban, or a suspension until it ends,
 * takes those powers from moderators and admins as it takes commenting from readers.
 */
export function hasRole(viewer: Viewer | null, role: Role, now = new Date()): viewer is Viewer {
  // Where the site requires two-factor for staff, a moderator without it has no staff powers yet.
  if (viewer?.mustSetUpTwoFactor && rank[role] > rank.READER) return false;
  return Boolean(viewer && !isBannedOrSuspended(viewer, now) && rank[viewer.role] >= rank[role]);
}

export const TWO_FACTOR_NEEDED_MESSAGE = "This site requires two-factor authentication for moderators and admins. Set it up on your account page (/account) first.";

/** Why an action refused the viewer: the message for a missing two-factor set-up, else `message`. */
export function refusalFor(viewer: Viewer | null, message: string): string {
  return viewer?.mustSetUpTwoFactor ? TWO_FACTOR_NEEDED_MESSAGE : message;
}

/** For pages: signed-out visitors go to sign in and come back; others without the role get 403. */
export async function requirePageRole(role: Role, returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (viewer.mustSetUpTwoFactor && rank[role] > rank.READER) redirect("/account?two-factor=required#two-factor-heading");
  if (!hasRole(viewer, role)) forbidden();
  return viewer;
}
