/**
 * Throwaway databases for the test runner, the benchmark, the load test and end-to-end tests that
 * need a site of their own: a PostgreSQL database or a SQLite file, dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { resolveDatabase, withDatabaseName, type DatabaseTarget } from "../../app/_lib/db/url";
import { root } from "./root";

export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export async function adminQuery(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(provider: "sqlite" | "postgresql", label: string): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  const name = `vetted_load_${label}_${randomBytes(4).toString("hex")}`;
  if (provider === "postgresql") {
    await adminQuery(`CREATE DATABASE "${name}"`);
    return { target: resolveDatabase(withDatabaseName(postgresAdminUrl, name)), drop: async () => void (await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
  }
  const dir = path.join(root, "tests", ".output");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.db`);
  return { target: resolveDatabase(`file:${file}`), drop: async () => ["", "-wal", "-shm"].forEach((suffix) => rmSync(`${file}${suffix}`, { force: true })) };
}

