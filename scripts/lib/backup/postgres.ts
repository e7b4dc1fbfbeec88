import pg from "pg";
import { BAD_INPUT, BackupError } from "./errors";
import { libpqConnection, type LibpqConnection } from "./libpq";
import { dbnameArgument, runPgTool } from "./pg-tools";

/**
 * Dumps the database in pg_dump's custom format. pg_dump reads everything in one transaction's
 * snapshot, so the site can keep serving and writing meanwhile.
 */
export async function backupPostgres(url: string, destination: string): Promise<void> {
  const connection = libpqConnection(url);
  await runPgTool("pg_dump", ["--format=custom", `--file=${destination}`, dbnameArgument(connection.database)], connection, `Cannot back up the PostgreSQL database at ${connection.where}`);
}

/** PostgreSQL's error code for a database that does not exist. */
const INVALID_CATALOG_NAME = "3D000";

/** Opens a connection for a check, turning "cannot connect" into a message the operator can act on. */
export async function connectForCheck(url: string, connection: LibpqConnection = libpqConnection(url)): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const missing = (error as { code?: string }).code === INVALID_CATALOG_NAME;
    throw new BackupError(`Cannot reach the PostgreSQL database at ${connection.where}: ${(error as Error).message}${missing ? " (create it first, e.g. with createdb)" : ""}.`);
  }
  return client;
}

async function holdsTables(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ tables: string }>(`
    SELECT COUNT(*) AS tables FROM pg_class JOIN pg_namespace ON pg_namespace.oid = pg_class.relnamespace
    WHERE pg_class.relkind IN ('r', 'p') AND pg_namespace.nspname NOT IN ('pg_catalog', 'information_schema') AND pg_namespace.nspname NOT LIKE 'pg_toast%'`);
  return Number(rows[0]!.tables) > 0;
}

/**
 * Restores a custom-format dump with pg_restore: `--clean --if-exists` drops what the dump holds
 * before recreating it, `--no-owner` makes the connecting role own everything (the roles of the
 * server the dump came from need not exist here), and `--single-transaction` leaves the database
 * as it was if any statement fails.
 */
export async function restorePostgres(backup: string, url: string, { force }: { force: boolean }): Promise<void> {
  const connection = libpqConnection(url);
  // Reading the table of contents checks the whole file is a readable dump, before anything is dropped.
  const contents = await runPgTool("pg_restore", ["--list", backup], connection, `Cannot read ${backup} as a pg_dump file`);
  if (!/\sTABLE\s+\S+\s+_prisma_migrations\s/.test(contents)) {
    throw new BackupError(`${backup} is a PostgreSQL dump but not a backup of this site (it has no _prisma_migrations table); nothing was restored.`, BAD_INPUT);
  }
  const client = await connectForCheck(url, connection);
  try {
    if (!force && (await holdsTables(client))) {
      throw new BackupError(`The database at ${connection.where} already holds tables. Restoring replaces them: stop the site, then run the restore again with --force.`, BAD_INPUT);
    }
  } finally {
    await client.end();
  }
  await runPgTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", dbnameArgument(connection.database), backup], connection, `Cannot restore into the PostgreSQL database at ${connection.where} (it was left as it was)`);
}
