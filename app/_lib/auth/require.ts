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
  return Boolean(viewer && !isBannedOrSuspended(viewer, now) && rank[viewer.role] >= rank[role]);
}

/** For pages: signed-out visitors go to sign in and come back; others without the role get 403. */
export async function requirePageRole(role: Role, returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!hasRole(viewer, role)) forbidden();
  return viewer;
}
