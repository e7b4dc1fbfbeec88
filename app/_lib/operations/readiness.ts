import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { db } from "@/app/_lib/db";
import { providerOf } from "@/app/_lib/db/client";
import { hearsInstances } from "./bus";
import { redis } from "./redis";
import { isDraining } from "./shutdown";

const REDIS_PING_TIMEOUT_MS = 1_000;

export type CheckResult = "ok" | "unreachable" | "draining" | { pending: number };
export type Readiness = { ready: boolean; checks: Record<string, CheckResult> };

const committedMigrations = new Map<string, string[]>();

/** The migrations this build ships, read once: they cannot change while the process runs. */
function committed(provider: "sqlite" | "postgresql"): string[] {
  let names = committedMigrations.get(provider);
  if (!names) {
    names = readdirSync(path.join(process.cwd(), "prisma", provider, "migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    committedMigrations.set(provider, names);
  }
  return names;
}

/**
 * Whether this instance can serve: the database answers and holds every migration this build
 * expects, and Redis answers when one is configured. A database that answers but lags behind the code (an upgrade whose migrations were not
 * applied yet) is not ready, so a load balancer keeps sending readers to instances that are.
 * Failures are reported by name only: a driver's message can name hosts or users.
 */
export async function readiness(): Promise<Readiness> {
  // Stopping (SIGTERM): a load balancer should send readers elsewhere, whatever else holds.
  if (isDraining()) return { ready: false, checks: { instance: "draining" } };
  const checks: Record<string, CheckResult> = {};
  try {
    await db.$queryRaw`SELECT 1`;
    checks.database = "ok";
  } catch {
    return { ready: false, checks: { database: "unreachable" } };
  }
  if (process.env.REDIS_URL) checks.redis = await redisReachable();
  const expected = committed(providerOf(db));
  const applied = await appliedMigrations();
  const pending = expected.filter((name) => !applied.has(name)).length;
  checks.migrations = pending === 0 ? "ok" : { pending };
  return { ready: Object.values(checks).every((check) => check === "ok"), checks };
}

/** Redis answers a PING within a second (without it, other instances would not hear of changes). */
async function redisReachable(): Promise<CheckResult> {
  const connections = redis();
  if (!connections) return "unreachable";
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), REDIS_PING_TIMEOUT_MS).unref());
  try {
    await Promise.race([connections.commands.ping(), timeout]);
  } catch {
    return "unreachable";
  }
  // Answering commands is not enough: an instance that does not hear the others serves stale pages.
  return hearsInstances() === false ? "unreachable" : "ok";
}

/** Names of the migrations recorded as applied; none when the table is not there yet. */
async function appliedMigrations(): Promise<Set<string>> {
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    return new Set(rows.map((row) => row.migration_name));
  } catch {
    return new Set();
  }
}
