import type { Decision } from "@/app/_lib/moderation/decide";
import type { QueueItem, Tab } from "@/app/_lib/moderation/queue";
import type { QueueItemView } from "@/app/_lib/moderation/queue-view";

export const TAB_LABELS: Record<Tab, string> = { pending: "Pending", reported: "Reported", approved: "Approved", rejected: "Rejected", spam: "Spam", trash: "Trash" };
export const DECISION_STATUS: Record<Decision, QueueItem["status"]> = { APPROVE: "APPROVED", REJECT: "REJECTED", SPAM: "SPAM", TRASH: "TRASH", RESTORE: "PENDING" };
export const DONE: Record<Decision, string> = { APPROVE: "Approved", REJECT: "Rejected", SPAM: "Marked as spam", TRASH: "Trashed", RESTORE: "Restored to pending" };
export const BUTTON_LABEL: Record<Decision, string> = { APPROVE: "Approve", REJECT: "Reject", SPAM: "Spam", TRASH: "Trash", RESTORE: "Restore to pending" };
export const REPORT_REASONS: Record<string, string> = { SPAM: "Spam", ABUSE: "Abuse", OFF_TOPIC: "Off-topic", MEDICAL_MISINFORMATION: "Medical misinformation", OTHER: "Other" };
export const STATUS_LABEL: Record<QueueItem["status"], string> = { PENDING: "pending", APPROVED: "published", REJECTED: "rejected", SPAM: "spam", TRASH: "in trash" };

/** The decisions a comment can take from where it is. */
export function decisionsFor(item: Pick<QueueItemView, "status">, tab: Tab): Decision[] {
  if (item.status === "PENDING") return ["APPROVE", "REJECT", "SPAM", "TRASH"];
  if (tab === "reported") return ["REJECT", "SPAM", "TRASH"];
  return ["RESTORE", ...(["APPROVE", "REJECT", "SPAM", "TRASH"] as Decision[]).filter((decision) => DECISION_STATUS[decision] !== item.status)];
}

export function bulkDecisionsFor(tab: Tab): Decision[] {
  if (tab === "pending") return ["APPROVE", "REJECT", "SPAM", "TRASH"];
  if (tab === "reported") return ["REJECT", "SPAM", "TRASH"];
  return ["RESTORE"];
}

/** Shortcuts stay out of the way while the moderator types. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
