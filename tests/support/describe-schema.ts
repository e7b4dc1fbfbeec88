/** A structural description of a database's tables, for comparing two schemas. */
import Sqlite from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "@/app/_lib/db/url";

export async function describeSchema(target: DatabaseTarget): Promise<unknown> {
  if (target.provider === "sqlite") {
    const sqlite = new Sqlite(target.file, { readonly: true });
    try {
      const tables = sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`)
        .all() as { name: string }[];
      return tables.map(({ name }) => ({
        name,
        // Column order is left out: columns added by ALTER TABLE come last, which changes no query.
        columns: (sqlite.pragma(`table_info("${name}")`) as { cid: number; name: string }[])
          .map(({ cid: _position, ...column }) => column)
          .sort((a, b) => a.name.localeCompare(b.name)),
        foreignKeys: sqlite.pragma(`foreign_key_list("${name}")`),
        indexes: (sqlite.pragma(`index_list("${name}")`) as { name: string; unique: number }[])
          .map((index) => ({ name: index.name, unique: index.unique, columns: (sqlite.pragma(`index_info("${index.name}")`) as { cid: number; name: string }[]).map(({ cid: _position, ...column }) => column) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }));
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`);
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"') ORDER BY 1, 2`,
    );
    const enums = await client.query(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows, enums: enums.rows };
  } finally {
    await client.end();
  }
}

/** Runs SQL text (several statements) against an empty database. */
export async function executeSql(target: DatabaseTarget, sql: string): Promise<void> {
  if (target.provider === "sqlite") {
    const sqlite = new Sqlite(target.file);
    try {
      sqlite.exec(sql);
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
