import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { hashPassword } from "@/app/_lib/auth/password";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";

const { checkLimit, clearLimit, consumeLimit } = await import("@/app/_lib/rate-limit");
const { signInLimits, signInWithPassword } = await import("@/app/_lib/auth/sign-in");

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

// Several instances share PostgreSQL. On SQLite one process holds one connection: two in one
// thread would wait on each other's write lock synchronously, so the burst comes through one.
const instanceFor = (index: number) => (testProvider === "postgresql" && index % 2 === 1 ? instanceB : instanceA);
const PASSWORD = "the right password";

async function reader(email: string) {
  return database.db.user.create({ data: { email, name: "Reader", passwordHash: await hashPassword(PASSWORD) } });
}

describe("database-backed rate limits", () => {
  it("counts hits from every instance, limits at the maximum, and says how long to wait", async () => {
    const start = new Date("2030-01-01T12:00:00Z");
    for (let hit = 0; hit < 5; hit++) {
      setAppDatabase(hit % 2 === 0 ? instanceA : instanceB);
      expect(await consumeLimit(limit, new Date(start.getTime() + hit * 1000))).toMatchObject({ limited: false });
    }
    setAppDatabase(instanceA);
    const limited = await consumeLimit(limit, new Date(start.getTime() + 5000));
    expect(limited).toEqual({ limited: true, retryAfterMs: 15 * 60_000 - 5000 });
    setAppDatabase(instanceB);
    expect((await checkLimit(limit, new Date(start.getTime() + 5000))).limited).toBe(true);
    // A refused attempt is not counted; the window slides: once the oldest hit is 15 minutes old, one more is allowed.
    expect(await database.db.rateLimitHit.count({ where: { bucket: limit.bucket } })).toBe(5);
    expect(await consumeLimit(limit, new Date(start.getTime() + 15 * 60_000 + 1))).toMatchObject({ limited: false });
  });

  it("keeps buckets apart and can be cleared", async () => {
    setAppDatabase(instanceA);
    const other = { ...limit, bucket: "sign-in:address:198.51.100.7" };
    for (let hit = 0; hit < 5; hit++) await consumeLimit(other);
    expect((await checkLimit(other)).limited).toBe(true);
    expect((await checkLimit({ ...limit, bucket: "sign-in:address:198.51.100.8" })).limited).toBe(false);
    await clearLimit(other.bucket);
    expect((await checkLimit(other)).limited).toBe(false);
  });

  it("fifty attempts at the same moment let exactly the maximum through (from two instances on PostgreSQL)", async () => {
    const bucket = { ...limit, bucket: `burst:${Date.now()}` };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => {
        setAppDatabase(instanceFor(index));
        return consumeLimit(bucket);
      }),
    );
    expect(results.filter((result) => !result.limited)).toHaveLength(5);
    expect(await database.db.rateLimitHit.count({ where: { bucket: bucket.bucket } })).toBe(5);
  });
});

describe("signing in with a password", () => {
  it("fifty wrong passwords for one account sent at once get five checks; the rest are refused unchecked", async () => {
    setAppDatabase(instanceA);
    const user = await reader(`burst-${Date.now()}@example.com`);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => {
        setAppDatabase(instanceFor(index));
        return signInWithPassword(user.email, `wrong guess ${index}`, "198.51.100.20");
      }),
    );
    const checked = results.filter((result) => !result.ok && !result.message);
    const refused = results.filter((result) => !result.ok && result.message?.startsWith("Too many failed sign-in attempts."));
    expect(checked).toHaveLength(5);
    expect(refused).toHaveLength(45);
    expect(await database.db.rateLimitHit.count({ where: { bucket: signInLimits(user.email, "198.51.100.20").account.bucket } })).toBe(5);
  });

  it("five failures lock the account from that address only: the owner's right password from another address still signs in", async () => {
    setAppDatabase(instanceB);
    const user = await reader(`target-${Date.now()}@example.com`);
    for (let attempt = 0; attempt < 5; attempt++) expect(await signInWithPassword(user.email, "wrong", "203.0.113.66")).toEqual({ ok: false });
    expect(await signInWithPassword(user.email, PASSWORD, "203.0.113.66")).toMatchObject({ ok: false, message: "Too many failed sign-in attempts. Try again in 15 minutes." });
    expect(await signInWithPassword(user.email, PASSWORD, "192.0.2.10")).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("twenty failures from one address, across accounts, lock that address; a right password takes back its count", async () => {
    setAppDatabase(instanceA);
    const address = "198.51.100.99";
    const owner = await reader(`owner-${Date.now()}@example.com`);
    for (let round = 0; round < 3; round++) expect(await signInWithPassword(owner.email, PASSWORD, address)).toMatchObject({ ok: true });
    for (let attempt = 0; attempt < 20; attempt++) await signInWithPassword(`nobody-${attempt}@example.com`, "guess", address);
    expect(await signInWithPassword(owner.email, PASSWORD, address)).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many failed sign-in attempts/) });
    expect(await signInWithPassword(owner.email, PASSWORD, "198.51.100.100")).toMatchObject({ ok: true });
  });
});
