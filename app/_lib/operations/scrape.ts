import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "@/app/_lib/db";
import { commentTallies } from "@/app/_lib/moderation/tallies";
import { metrics } from "./metrics";

const UNDELIVERED = ["QUEUED", "SENDING", "FAILED"] as const;

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether an Authorization header carries METRICS_TOKEN; compared in constant time. */
export function carriesMetricsToken(authorization: string | null, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * The registry's text, with the gauges the database answers read now: comments by status (the
 * tallies, exact and one small read), the oldest pending comment's age, the outbox's undelivered
 * messages. These are the whole site's, the same from every instance; counters and durations are
 * this process's own, for Prometheus to add up.
 */
export async function scrapeMetrics(now = new Date()): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  const [tallies, oldest, outbox, retrying] = await Promise.all([
    commentTallies(),
    db.comment.findFirst({ where: { status: "PENDING", deletedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { createdAt: true } }),
    db.outboxMessage.groupBy({ by: ["status"], where: { status: { in: [...UNDELIVERED] } }, _count: { _all: true } }),
    db.outboxMessage.count({ where: { status: "QUEUED", attempts: { gt: 0 } } }),
  ]);
  for (const [status, count] of Object.entries(tallies)) m.comments.set({ status: status.toLowerCase() }, count);
  m.oldestPending.set(oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1000) : 0);
  for (const status of UNDELIVERED) m.outbox.set({ status: status.toLowerCase() }, outbox.find((row) => row.status === status)?._count._all ?? 0);
  m.outboxRetrying.set(retrying);
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
