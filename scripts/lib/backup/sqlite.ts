import { randomBytes } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { syncToDisk } from "./durable";
import { BAD_INPUT, BackupError } from "./errors";

/** More pages than any database holds: the whole copy is one step (see backupSqlite). */
const ALL_PAGES = 0x7fffffff;
const BUSY_TIMEOUT_MS = 10_000;
const OWNER_READ_WRITE = 0o600;

const sidecars = (file: string) => [`${file}-wal`, `${file}-shm`];

function openExisting(file: string): Sqlite.Database {
  return new Sqlite(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

/**
 * Copies the database with SQLite's online backup API while the site keeps serving and writing.
 * The copy is taken in one step, under one read transaction: a consistent snapshot, and in WAL
 * mode the site's writers are not held up by it. (In several steps, a write by another connection
 * between two steps restarts the copy, and a steady stream of comments could keep it from ending.)
 */
export async function backupSqlite(file: string, destination: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`There is no SQLite database at ${file}: check DATABASE_URL.`);
  let source: Sqlite.Database | undefined;
  try {
    source = openExisting(file);
    await source.backup(destination, { progress: () => ALL_PAGES });
  } catch (error) {
    if (error instanceof Sqlite.SqliteError) throw new BackupError(`Cannot back up the SQLite database at ${file}: ${error.message}.`);
    throw error;
  } finally {
    source?.close();
  }
}

/** Whether the file holds anything a restore would destroy: tables, or bytes that are not a database. */
export function sqliteHoldsData(file: string): boolean {
  const size = (name: string) => (existsSync(name) ? statSync(name).size : 0);
  if (size(file) === 0 && size(`${file}-wal`) === 0) return false;
  let database: Sqlite.Database | undefined;
  try {
    database = openExisting(file);
    const { tables } = database.prepare("SELECT COUNT(*) AS tables FROM sqlite_master WHERE type = 'table'").get() as { tables: number };
    return tables > 0;
  } catch {
    return true;
  } finally {
    database?.close();
  }
}

/** Checks the copy before it replaces anything, and leaves it in WAL mode as the site runs it. */
function checkRestoredCopy(copy: string, backup: string): void {
  let database: Sqlite.Database | undefined;
  try {
    database = openExisting(copy);
    const check = database.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new BackupError(`${backup} is damaged (${String(check)}); nothing was restored.`, BAD_INPUT);
    const migrations = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!migrations) throw new BackupError(`${backup} is a SQLite database but not a backup of this site (it has no _prisma_migrations table); nothing was restored.`, BAD_INPUT);
    database.pragma("journal_mode = WAL");
  } catch (error) {
    if (error instanceof Sqlite.SqliteError) throw new BackupError(`${backup} cannot be read as a SQLite database (${error.message}); nothing was restored.`, BAD_INPUT);
    throw error;
  } finally {
    // Closing the last connection checkpoints the copy and removes its -wal and -shm.
    database?.close();
  }
}

/**
 * Puts a backup in the place of the SQLite database at `target`, all at once: the backup is copied
 * beside the target (same file system), checked, then renamed over it, so the target's file is at
 * every moment either the old one or the whole restored one, never a half-copied mix. The old
 * database's -wal and -shm go just before: SQLite would replay that log into the restored file.
 */
export function restoreSqlite(backup: string, target: string, { force }: { force: boolean }): void {
  if (!force && sqliteHoldsData(target)) {
    throw new BackupError(`${target} already holds a database. Restoring replaces it: stop the site, then run the restore again with --force.`, BAD_INPUT);
  }
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, `.${path.basename(target)}.restoring-${randomBytes(4).toString("hex")}`);
  try {
    copyFileSync(backup, copy);
    // The copy takes the backup's mode; the database holds every account.
    chmodSync(copy, OWNER_READ_WRITE);
    checkRestoredCopy(copy, backup);
    syncToDisk(copy);
    for (const sidecar of sidecars(target)) rmSync(sidecar, { force: true });
    renameSync(copy, target);
    syncToDisk(dir);
  } finally {
    for (const leftover of [copy, ...sidecars(copy)]) rmSync(leftover, { force: true });
  }
}
