import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProvider, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

// Another process writing to the same SQLite file: a second instance, the mail jobs, a CLI.
describe.runIf(testProvider === "sqlite")("SQLite transactions beside another connection", () => {
  it("a transaction that reads before it writes holds the write lock from its start, so another writer's commit cannot make it fail", async () => {
    const { db, target } = database;
    if (target.provider !== "sqlite") throw new Error("unreachable");
    const other = new Sqlite(target.file, { timeout: 0 });
    const attempts: string[] = [];
    try {
      const stored = await db.$transaction(async (tx) => {
        await tx.setting.findMany();
        // With a deferred BEGIN this write would succeed and the insert below would then fail
        // with SQLITE_BUSY_SNAPSHOT; with the lock taken at BEGIN, the other writer waits.
        try {
          other.prepare(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('written-meanwhile', '1', 0)`).run();
          attempts.push("other connection wrote");
        } catch (error) {
          attempts.push((error as { code?: string }).code ?? "error");
        }
        return tx.setting.create({ data: { key: "read-then-written", value: "1" } });
      });
      expect(attempts).toEqual(["SQLITE_BUSY"]);
      expect(stored.key).toBe("read-then-written");
      // Once it has committed, the other connection writes as usual.
      other.prepare(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('written-after', '1', 0)`).run();
      expect(await db.setting.count({ where: { key: { in: ["read-then-written", "written-after"] } } })).toBe(2);
    } finally {
      other.close();
    }
  });
});
