/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or, when
 * TEST_DATABASE_PROVIDER=postgresql, a new PostgreSQL database that is dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { resolveDatabase, withDatabaseName, type DatabaseTarget } from "@/app/_lib/db/url";
import { migrate } from "@/prisma/migrate";

export type TestDatabase = { target: DatabaseTarget; db: Database; drop: () => Promise<void> };

export const testProvider = (process.env.TEST_DATABASE_PROVIDER ?? "sqlite") as DatabaseTarget["provider"];
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const runPrefix = process.env.TEST_RUN_ID ?? "vetted_t";


export async function withPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database (not migrated) of the provider under test. */
export async function createEmptyDatabase(): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  const name = `${runPrefix}_${randomBytes(5).toString("hex")}`;
  if (testProvider === "postgresql") {
    await withPostgresAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
    return {
      target: resolveDatabase(withDatabaseName(postgresAdminUrl, name)),
      drop: () => withPostgresAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    };
  }
  const dir = path.join(os.tmpdir(), "vetted-tests");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.db`);
  return {
    target: resolveDatabase(`file:${file}`),
    drop: async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  await migrate(empty.target);
  const db = createDatabase(empty.target);
  return {
    target: empty.target,
    db,
    drop: async () => {
      await db.$disconnect();
      await empty.drop();
    },
  };
}
