/**
 * A transaction whose connection the server kills must give the connection back to the pool:
 * otherwise, once as many were killed as the pool holds, every later query waits forever.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/test-database";

const POOL_SIZE = 2;
let database: TestDatabase;
let app: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_POOL_SIZE = String(POOL_SIZE);
  app = createDatabase(database.target);
  delete process.env.DATABASE_POOL_SIZE;
});
afterAll(async () => {
  await app.$disconnect();
  await database.drop();
});

/** The query's answer, or "still waiting" once a bound far above its cost has passed. */
function within<T>(ms: number, work: Promise<T>): Promise<T | "still waiting"> {
  return Promise.race([work, new Promise<"still waiting">((resolve) => setTimeout(() => resolve("still waiting"), ms))]);
}

describe.runIf(testProvider === "postgresql")("PostgreSQL connections killed inside transactions", () => {
  it("are handed back to the pool, so queries go on after more kills than the pool has connections", async () => {
    for (let kill = 0; kill < POOL_SIZE * 3; kill++) {
      // The server ends this transaction's own connection, as pg_terminate_backend does from outside.
      const failed = await within(
        10_000,
        app
          .$transaction(async (tx) => {
            await tx.$executeRaw`SELECT pg_terminate_backend(pg_backend_pid())`;
          })
          .then(
            () => "committed",
            () => "failed",
          ),
      );
      expect(failed).toBe("failed");
    }
    expect(await within(10_000, app.post.count())).toBe(await database.db.post.count());
    expect(await within(10_000, app.$transaction(async (tx) => tx.post.count()))).toBe(await database.db.post.count());
  });
});
