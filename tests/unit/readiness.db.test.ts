import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { migrate, readMigrations } from "@/prisma/migrate";
import { setAppDatabase } from "../support/app-db";
import { createEmptyDatabase, createTestDatabase, testProvider } from "../support/test-database";

const { readiness } = await import("@/app/_lib/operations/readiness");

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe("readiness", () => {
  it("is ready when the database answers and holds every committed migration", async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    setAppDatabase(database.db);
    expect(await readiness()).toEqual({ ready: true, checks: { database: "ok", migrations: "ok" } });
  });

  it("is not ready while migrations of this build are still to be applied", async () => {
    const migrations = readMigrations(testProvider);
    const empty = await createEmptyDatabase();
    await migrate(empty.target, migrations[0]!.name);
    const db = createDatabase(empty.target);
    cleanups.push(async () => {
      await db.$disconnect();
      await empty.drop();
    });
    setAppDatabase(db);
    expect(await readiness()).toEqual({ ready: false, checks: { database: "ok", migrations: { pending: migrations.length - 1 } } });
  });

  it("counts every migration as pending on a database never migrated", async () => {
    const empty = await createEmptyDatabase();
    const db = createDatabase(empty.target);
    cleanups.push(async () => {
      await db.$disconnect();
      await empty.drop();
    });
    setAppDatabase(db);
    expect(await readiness()).toEqual({ ready: false, checks: { database: "ok", migrations: { pending: readMigrations(testProvider).length } } });
  });

  it("reports an unreachable database by name only, never with the driver's message", async () => {
    const failing = { $queryRaw: () => Promise.reject(new Error("connect ECONNREFUSED db.internal:5432 user=vetted password=hunter2")) };
    setAppDatabase(failing as unknown as Database);
    const result = await readiness();
    expect(result).toEqual({ ready: false, checks: { database: "unreachable" } });
    expect(JSON.stringify(result)).not.toMatch(/hunter2|db\.internal|ECONNREFUSED/);
  });
});

describe("readiness while the server drains", () => {
  it("is not ready once SIGTERM started the drain, so a load balancer sends readers elsewhere", async () => {
    const { runDrainHooks } = await import("@/app/_lib/operations/shutdown");
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    setAppDatabase(database.db);
    runDrainHooks();
    expect(await readiness()).toEqual({ ready: false, checks: { instance: "draining" } });
  });
});
