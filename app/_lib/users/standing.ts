import type { Viewer } from "@/app/_lib/auth/viewer";
import { formatLongDate } from "@/app/_lib/format";

type Standing = Pick<Viewer, "status" | "suspendedUntil">;

/** A ban, or a suspension that has not ended (one without an end date lasts until lifted). */
export function isBannedOrSuspended(viewer: Standing, now = new Date()): boolean {
  return viewer.status === "BANNED" || (viewer.status === "SUSPENDED" && (!viewer.suspendedUntil || viewer.suspendedUntil > now));
}

/** Why this person may not comment right now, in words to show them; null when they may. */
export function commentingBlockedReason(viewer: Standing & Pick<Viewer, "statusReason">, now = new Date()): string | null {
  if (!isBannedOrSuspended(viewer, now)) return null;
  const reason = viewer.statusReason ? ` Reason: ${viewer.statusReason}` : "";
  if (viewer.status === "BANNED") return `Your account has been banned from commenting.${reason}`;
  const until = viewer.suspendedUntil ? ` until ${formatLongDate(viewer.suspendedUntil)}` : "";
  return `Your account is suspended from commenting${until}.${reason}`;
}

/** The same rule as a database filter: people neither banned nor under a running suspension. */
export function inGoodStanding(now = new Date()) {
  return {
    status: { not: "BANNED" as const },
    NOT: { status: "SUSPENDED" as const, OR: [{ suspendedUntil: null }, { suspendedUntil: { gt: now } }] },
  };
}
