import "server-only";
import { hasRole } from "@/app/_lib/auth/require";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { commentTallies } from "./tallies";
import { shortLived } from "@/app/_lib/short-lived";

const DAY_MS = 86_400_000;
export const CHART_DAYS = 30;
const MEDIAN_DAYS = 7;
// Enough decisions for a faithful median without reading a busy week's every row.
const MEDIAN_SAMPLE = 5_000;

export type DecisionDay = { day: string; approved: number; rejected: number; spam: number };

export type Dashboard = {
  pending: number;
  oldestPendingAt: Date | null;
  /** Median time from a comment's submission to a moderator's decision, over the last 7 days. */
  medianDecisionMs: number | null;
  decisionsLastWeek: number;
  /** The last 30 days (UTC), oldest first, today last. */
  days: DecisionDay[];
};

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The queue at a glance, for moderators: backlog, speed and the last month's decisions by type. */
export async function loadDashboard(viewer: Viewer | null, now = new Date()): Promise<Dashboard | null> {
  if (!hasRole(viewer, "MODERATOR")) return null;
  return overview(now);
}

/**
 * The same, as the queue's first page shows it: computed at most every few seconds however many
 * moderators open the queue at once. The queue's own counts stay exact; only this overview may
 * be a few seconds old (the issue allows it).
 */
const keptOverview = shortLived(5_000, () => overview(new Date()));

export async function recentDashboard(viewer: Viewer | null): Promise<Dashboard | null> {
  if (!hasRole(viewer, "MODERATOR")) return null;
  return keptOverview();
}

async function overview(now: Date): Promise<Dashboard> {
  const firstDay = new Date(Date.parse(utcDay(now)) - (CHART_DAYS - 1) * DAY_MS);
  const [pending, oldest, recent, chartEvents] = await Promise.all([
    commentTallies().then((tallies) => tallies.PENDING),
    db.comment.findFirst({ where: { status: "PENDING" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { createdAt: true } }),
    db.moderationEvent.findMany({
      where: { action: { in: ["APPROVE", "REJECT", "SPAM", "TRASH"] }, undoneAt: null, moderatorId: { not: null }, createdAt: { gte: new Date(now.getTime() - MEDIAN_DAYS * DAY_MS) } },
      orderBy: { createdAt: "desc" },
      take: MEDIAN_SAMPLE,
      select: { createdAt: true, comment: { select: { createdAt: true } } },
    }),
    db.moderationEvent.findMany({
      where: { action: { in: ["APPROVE", "REJECT", "SPAM"] }, undoneAt: null, createdAt: { gte: firstDay } },
      select: { action: true, createdAt: true },
    }),
  ]);
  const days = Array.from({ length: CHART_DAYS }, (_, index): DecisionDay => ({ day: utcDay(new Date(firstDay.getTime() + index * DAY_MS)), approved: 0, rejected: 0, spam: 0 }));
  const byDay = new Map(days.map((day) => [day.day, day]));
  const field = { APPROVE: "approved", REJECT: "rejected", SPAM: "spam" } as const;
  for (const event of chartEvents) {
    const day = byDay.get(utcDay(event.createdAt));
    if (day) day[field[event.action as keyof typeof field]] += 1;
  }
  const waits = recent.flatMap((event) => (event.comment ? [Math.max(0, event.createdAt.getTime() - event.comment.createdAt.getTime())] : []));
  return { pending, oldestPendingAt: oldest?.createdAt ?? null, medianDecisionMs: median(waits), decisionsLastWeek: recent.length, days };
}
