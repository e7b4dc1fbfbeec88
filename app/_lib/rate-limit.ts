import "server-only";
import { db } from "@/app/_lib/db";

/**
 * Sliding-window limits kept in the database, so every app instance sharing it sees the same
 * counts. `check` looks without counting; `record` counts one event.
 */
export type Limit = { bucket: string; max: number; windowMs: number };
export type LimitState = { limited: false } | { limited: true; retryAfterMs: number };

export async function checkLimit({ bucket, max, windowMs }: Limit, now = new Date()): Promise<LimitState> {
  const since = new Date(now.getTime() - windowMs);
  const hits = await db.rateLimitHit.findMany({
    where: { bucket, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: max,
    select: { createdAt: true },
  });
  if (hits.length < max) return { limited: false };
  const oldestCounted = hits[hits.length - 1]!.createdAt;
  return { limited: true, retryAfterMs: Math.max(1000, oldestCounted.getTime() + windowMs - now.getTime()) };
}

export async function recordHit({ bucket, windowMs }: Limit, now = new Date()): Promise<void> {
  await db.$transaction([
    db.rateLimitHit.create({ data: { bucket, createdAt: now } }),
    // Old hits count for nothing; dropping them keeps the table small.
    db.rateLimitHit.deleteMany({ where: { bucket, createdAt: { lt: new Date(now.getTime() - windowMs) } } }),
  ]);
}

export async function clearLimit(bucket: string): Promise<void> {
  await db.rateLimitHit.deleteMany({ where: { bucket } });
}

export function waitMessage(retryAfterMs: number): string {
  const minutes = Math.ceil(retryAfterMs / 60_000);
  return minutes <= 1 ? "in a minute" : `in ${minutes} minutes`;
}

export const SIGN_IN_FAILURES = { max: 5, windowMs: 15 * 60_000 };
export const REGISTRATIONS = { max: 5, windowMs: 60 * 60_000 };

/** The client's address as the server sees it; behind a proxy, the first forwarded address. */
export function clientAddress(headers: { get(name: string): string | null }): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
