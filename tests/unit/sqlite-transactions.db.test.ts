import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepPreparedStatements } from "@/app/_lib/db/client";
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

describe.runIf(testProvider === "sqlite")("SQLite statements kept prepared", () => {
  it("prepares a statement once and runs it with each call's own values", () => {
    const connection = new Sqlite(":memory:");
    let prepared = 0;
    const prepare = connection.prepare.bind(connection);
    connection.prepare = ((sql: string) => {
      prepared += 1;
      return prepare(sql);
    }) as typeof connection.prepare;
    keepPreparedStatements(connection, 2);
    try {
      connection.exec(`CREATE TABLE "t" ("n" INTEGER)`);
      const insert = (n: number) => connection.prepare(`INSERT INTO "t" ("n") VALUES (?)`).bind([n]).run();
      const read = (n: number) => connection.prepare(`SELECT "n" FROM "t" WHERE "n" >= ? ORDER BY "n"`).bind([n]).raw().all();
      for (const n of [1, 2, 3]) insert(n);
      expect(read(2)).toEqual([[2], [3]]);
      expect(read(3)).toEqual([[3]]);
      expect(prepared).toBe(2);
      // A third statement pushes out the least recently used one (the insert), not the read.
      connection.prepare(`SELECT COUNT(*) FROM "t"`).bind([]).raw().all();
      read(1);
      expect(prepared).toBe(3);
      insert(4);
      expect(prepared).toBe(4);
      // A long statement (a list of many values) is prepared each time rather than kept.
      const long = `SELECT "n" FROM "t" WHERE "n" IN (${Array.from({ length: 3_000 }, () => "?").join(",")})`;
      const values = Array.from({ length: 3_000 }, (_, index) => index);
      expect(connection.prepare(long).bind(values).raw().all()).toEqual([[1], [2], [3], [4]]);
      expect(connection.prepare(long).bind(values).raw().all()).toEqual([[1], [2], [3], [4]]);
      expect(prepared).toBe(6);
      // SQLite prepares a kept statement again by itself after the schema changed under it.
      connection.exec(`ALTER TABLE "t" ADD COLUMN "m" INTEGER`);
      expect(read(4)).toEqual([[4]]);
    } finally {
      connection.close();
    }
  });

  it("through Prisma: the same query shape with other values, and a refused write, answer as before", async () => {
    const { db } = database;
    await db.setting.createMany({ data: [{ key: "kept-a", value: "1" }, { key: "kept-b", value: "2" }] });
    for (let round = 0; round < 3; round++) {
      expect((await db.setting.findUnique({ where: { key: "kept-a" } }))?.value).toBe("1");
      expect((await db.setting.findUnique({ where: { key: "kept-b" } }))?.value).toBe("2");
    }
    await expect(db.setting.create({ data: { key: "kept-a", value: "again" } })).rejects.toMatchObject({ code: "P2002" });
    await expect(db.setting.create({ data: { key: "kept-a", value: "again" } })).rejects.toMatchObject({ code: "P2002" });
    expect(await db.$transaction(async (tx) => (await tx.setting.findMany({ where: { key: { startsWith: "kept-" } }, orderBy: { key: "asc" } })).map((row) => row.value))).toEqual(["1", "2"]);
  });
});
