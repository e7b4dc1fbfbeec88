import { rmSync } from "node:fs";
import path from "node:path";
import type { DatabaseTarget } from "../../../app/_lib/db/url";
import { backupFileName } from "./kind";
import { partialBackupFile, publishBackup } from "./output-file";
import { backupPostgres } from "./postgres";
import { backupSqlite } from "./sqlite";

/**
 * Takes one backup of the database into `dir` (created when missing) and returns the backup's
 * path; the file appears under its name only once complete, and never replaces another.
 */
export async function createBackup(target: DatabaseTarget, dir: string, now = new Date()): Promise<string> {
  const folder = path.resolve(dir);
  const name = backupFileName(target.provider, now);
  const partial = partialBackupFile(folder, name);
  try {
    if (target.provider === "sqlite") await backupSqlite(target.file, partial);
    else await backupPostgres(target.url, partial);
    return publishBackup(partial, folder, name);
  } finally {
    rmSync(partial, { force: true });
  }
}
