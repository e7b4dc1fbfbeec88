/**
 * Backs up the database DATABASE_URL names into a folder (created when missing) and prints the
 * backup's path; safe while the site is serving and writing:
 *   npm run backup -- <folder>
 * SQLite: SQLite's online backup API, to vetted-sqlite-<UTC time>.db.
 * PostgreSQL: pg_dump in its custom format, to vetted-postgresql-<UTC time>.dump.
 */
import { parseArgs } from "node:util";
import { resolveDatabase } from "../app/_lib/db/url";
import { createBackup } from "./lib/backup/create";
import { runCli, usageError } from "./lib/backup/run-cli";

const USAGE = "Usage: npm run backup -- <folder>";

runCli(async () => {
  let folders: string[];
  try {
    folders = parseArgs({ allowPositionals: true, strict: true, options: {} }).positionals;
  } catch (error) {
    usageError((error as Error).message, USAGE);
  }
  if (folders.length !== 1) usageError("", USAGE);
  console.log(await createBackup(resolveDatabase(), folders[0]!));
});
