import Sqlite from "better-sqlite3";
import type { DatabaseTarget } from "../../../app/_lib/db/url";
import { readMigrations } from "../../../prisma/migrate";
import { connectForCheck } from "./postgres";

type AppliedMigration = { migration_name: string; checksum: string };

/** How a database's `_prisma_migrations` compares with the migrations this code commits. */
export type MigrationState = {
  applied: string[];
  /** Committed here, not applied there: the backup is older than this code. */
  missing: string[];
  /** Applied there, unknown here: the backup was made by newer code. */
  unknown: string[];
  /** Applied there from a file that differs from the one committed here. */
  changed: string[];
};

export type RestoredState = { migrations: MigrationState; comments: number; posts: number };

const APPLIED_SQL = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`;
const COUNTS_SQL = `SELECT (SELECT COUNT(*) FROM "Comment") AS comments, (SELECT COUNT(*) FROM "Post") AS posts`;

export function compareMigrations(provider: DatabaseTarget["provider"], applied: AppliedMigration[]): MigrationState {
  const committed = new Map(readMigrations(provider).map((migration) => [migration.name, migration.checksum]));
  const appliedNames = new Set(applied.map((row) => row.migration_name));
  return {
    applied: [...appliedNames],
    missing: [...committed.keys()].filter((name) => !appliedNames.has(name)),
    unknown: applied.filter((row) => !committed.has(row.migration_name)).map((row) => row.migration_name),
    changed: applied.filter((row) => committed.has(row.migration_name) && committed.get(row.migration_name) !== row.checksum).map((row) => row.migration_name),
  };
}

/** Reads the migrations table and how many comments and posts a (just restored) database holds. */
export async function inspectDatabase(target: DatabaseTarget): Promise<RestoredState> {
  let applied: AppliedMigration[];
  let counts: { comments: number | string; posts: number | string };
  if (target.provider === "sqlite") {
    const database = new Sqlite(target.file, { fileMustExist: true });
    try {
      applied = database.prepare(APPLIED_SQL).all() as AppliedMigration[];
      counts = database.prepare(COUNTS_SQL).get() as typeof counts;
    } finally {
      database.close();
    }
  } else {
    const client = await connectForCheck(target.url);
    try {
      applied = (await client.query<AppliedMigration>(APPLIED_SQL)).rows;
      // COUNT is a bigint on PostgreSQL, which pg returns as a string.
      counts = (await client.query<typeof counts>(COUNTS_SQL)).rows[0]!;
    } finally {
      await client.end();
    }
  }
  return { migrations: compareMigrations(target.provider, applied), comments: Number(counts.comments), posts: Number(counts.posts) };
}
