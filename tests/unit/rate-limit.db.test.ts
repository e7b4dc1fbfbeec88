import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";

const { checkLimit, clearLimit, recordHit } = await import("@/app/_lib/rate-limit");

let database: TestDatabase;
let instanceA: Database;
let instanceB: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  // Two app instances: two separate clients (and connection pools) on one database.
  instanceA = createDatabase(database.target);
  instanceB = createDatabase(database.target);
});
afterAll(async () => {
  await Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]);
  await database.drop();
});

const limit = { bucket: "sign-in:account:someone@example.com", max: 5, windowMs: 15 * 60_000 };

describe("database-backed rate limits", () => {
  it("counts hits from every instance, limits at the maximum, and says how long to wait", async () => {
    const start = new Date("2030-01-01T12:00:00Z");
    for (let hit = 0; hit < 5; hit++) {
      setAppDatabase(hit % 2 === 0 ? instanceA : instanceB);
      expect(await checkLimit(limit, start)).toEqual({ limited: false });
      await recordHit(limit, new Date(start.getTime() + hit * 1000));
    }
    setAppDatabase(instanceA);
    const limited = await checkLimit(limit, new Date(start.getTime() + 5000));
    expect(limited).toEqual({ limited: true, retryAfterMs: 15 * 60_000 - 5000 });
    setAppDatabase(instanceB);
    expect((await checkLimit(limit, new Date(start.getTime() + 5000))).limited).toBe(true);

    // The window slides: once the oldest hit is 15 minutes old, one more attempt is allowed.
    expect(await checkLimit(limit, new Date(start.getTime() + 15 * 60_000 + 1))).toEqual({ limited: false });
  });

  it("keeps buckets apart and can be cleared", async () => {
    setAppDatabase(instanceA);
    const other = { ...limit, bucket: "sign-in:address:198.51.100.7" };
    for (let hit = 0; hit < 5; hit++) await recordHit(other);
    expect((await checkLimit(other)).limited).toBe(true);
    expect((await checkLimit({ ...limit, bucket: "sign-in:address:198.51.100.8" })).limited).toBe(false);
    await clearLimit(other.bucket);
    expect((await checkLimit(other)).limited).toBe(false);
  });
});
