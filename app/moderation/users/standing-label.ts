import { formatLongDate } from "@/app/_lib/format";
import type { UserSummary } from "@/app/_lib/moderation/users";

export function standingLabel(user: Pick<UserSummary, "status" | "suspendedUntil" | "alwaysPremoderate" | "trusted">): string {
  const parts = [
    user.status === "BANNED" ? "banned" : user.status === "SUSPENDED" && user.suspendedUntil && user.suspendedUntil > new Date() ? `suspended until ${formatLongDate(user.suspendedUntil)}` : "active",
  ];
  if (user.alwaysPremoderate) parts.push("always pre-moderated");
  if (user.trusted) parts.push("trusted");
  return parts.join(", ");
}
