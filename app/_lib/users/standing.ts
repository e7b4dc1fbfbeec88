import type { Viewer } from "@/app/_lib/auth/viewer";
import { formatLongDate } from "@/app/_lib/format";

/** Why this person may not comment right now, in words to show them; null when they may. */
export function commentingBlockedReason(viewer: Pick<Viewer, "status" | "suspendedUntil" | "statusReason">, now = new Date()): string | null {
  const reason = viewer.statusReason ? ` Reason: ${viewer.statusReason}` : "";
  if (viewer.status === "BANNED") return `Your account has been banned from commenting.${reason}`;
  if (viewer.status === "SUSPENDED" && (!viewer.suspendedUntil || viewer.suspendedUntil > now)) {
    const until = viewer.suspendedUntil ? ` until ${formatLongDate(viewer.suspendedUntil)}` : "";
    return `Your account is suspended from commenting${until}.${reason}`;
  }
  return null;
}
