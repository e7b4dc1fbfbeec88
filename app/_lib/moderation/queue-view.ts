import "server-only";
import { ageOf, exactTime, formatLongDate, relativeTime } from "@/app/_lib/format";
import type { QueueItem } from "./queue";

/** A queue item as the browser gets it: dates as text, written once on the server. */
export type QueueItemView = Omit<QueueItem, "createdAt" | "accountCreatedAt" | "reports"> & {
  createdAt: string;
  createdLabel: string;
  createdExact: string;
  accountAge: string | null;
  accountCreatedAt: string | null;
  reports: { reason: string; text: string | null; reporter: string; createdAt: string }[];
};

export function queueItemView(item: QueueItem, now: Date): QueueItemView {
  return {
    ...item,
    createdAt: item.createdAt.toISOString(),
    createdLabel: relativeTime(item.createdAt, now),
    createdExact: exactTime(item.createdAt),
    accountAge: item.accountCreatedAt ? ageOf(item.accountCreatedAt, now) : null,
    accountCreatedAt: item.accountCreatedAt ? formatLongDate(item.accountCreatedAt) : null,
    reports: item.reports.map((report) => ({ ...report, createdAt: relativeTime(report.createdAt, now) })),
  };
}
