/**
 * Applies the committed migrations for the database DATABASE_URL points at.
 *
 * `prisma migrate deploy` cannot run through the PostgreSQL driver adapter (prisma/orm#27403),
 * so both databases use this runner. It keeps Prisma's own `_prisma_migrations` table layout,
 * so `migrate deploy` and `migrate status` can take over once that bug is fixed. Each migration
 * runs in its own transaction; an applied migration whose file has changed is an error.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { resolveDatabase, type DatabaseTarget } from "../app/_lib/db/url";
import { ensurePrivateFile } from "../app/_lib/private-file";

type Migration = { name: string; sql: string; checksum: string };

const prismaDir = path.dirname(new URL(import.meta.url).pathname);
// The key Prisma's own migrate uses, so both never run at once against one database.
const ADVISORY_LOCK_KEY = 72707369;

export function readMigrations(provider: DatabaseTarget["provider"]): Migration[] {
  const dir = path.join(prismaDir, provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function checkUnchanged(applied: Map<string, string>, migrations: Migration[]) {
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum && checksum !== migration.checksum) {
      throw new Error(`Migration ${migration.name} was changed after it was applied. Add a new migration instead.`);
    }
  }
}

function migrateSqlite(file: string, migrations: Migration[]): string[] {
  mkdirSync(path.dirname(file), { recursive: true });
  // The first to open the file creates it: owner-only from the start (see app/_lib/private-file.ts).
  ensurePrivateFile(file);
  const sqlite = new Sqlite(file, { timeout: 10_000 });
  try {
    // WAL is stored in the database file, so setting it here applies to every later connection.
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const appliedNow: string[] = [];
    // SQLite changes a table's foreign keys only by rebuilding the table, and dropping the old copy
    // with foreign keys on would run its cascades (deleting every comment's revisions, say). The
    // pragma cannot change inside a transaction, so it is off for the whole run; every reference
    // is checked before the transaction commits instead (SQLite's documented procedure).
    sqlite.pragma("foreign_keys = OFF");
    // IMMEDIATE takes the write lock first, so two processes starting at once apply each migration once.
    const run = sqlite.transaction(() => {
      const rows = sqlite
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`)
        .all() as { migration_name: string; checksum: string }[];
      const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
      checkUnchanged(applied, migrations);
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        sqlite.exec(migration.sql);
        sqlite
          .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
                    VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`)
          .run(randomUUID(), migration.checksum, migration.name);
        appliedNow.push(migration.name);
      }
      const broken = sqlite.pragma("foreign_key_check") as { table: string; parent: string }[];
      if (broken.length) throw new Error(`Migrations left ${broken.length} broken reference(s), first from ${broken[0]!.table} to ${broken[0]!.parent}; nothing was applied`);
    });
    run.immediate();
    return appliedNow;
  } finally {
    sqlite.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    checkUnchanged(applied, migrations);
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/**
 * Applies what is missing and returns the names of the migrations applied by this call.
 * `upTo` (a migration's name) stops after that one: tests use it to upgrade a database with data.
 */
export async function migrate(target: DatabaseTarget = resolveDatabase(), upTo?: string): Promise<string[]> {
  const all = readMigrations(target.provider);
  const migrations = upTo ? all.slice(0, all.findIndex((migration) => migration.name === upTo) + 1) : all;
  return target.provider === "sqlite" ? migrateSqlite(target.file, migrations) : migratePostgres(target.url, migrations);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const target = resolveDatabase();
  migrate(target).then(
    (applied) => console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date."),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
