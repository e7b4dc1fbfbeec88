import path from "node:path";
import type { DatabaseTarget } from "../../../app/_lib/db/url";
import { detectBackupKind, requireKind } from "./kind";
import { restorePostgres } from "./postgres";
import { inspectDatabase, type RestoredState } from "./restored-state";
import { restoreSqlite } from "./sqlite";

export type RestoreOptions = { force?: boolean };

/**
 * Restores a backup made by createBackup into the database DATABASE_URL names, refusing a backup
 * of the other kind of database and, without `force`, a target that already holds one; then reads
 * what the restored database holds.
 */
export async function restoreBackup(target: DatabaseTarget, file: string, { force = false }: RestoreOptions = {}): Promise<RestoredState> {
  const backup = path.resolve(file);
  requireKind(file, detectBackupKind(backup), target.provider);
  if (target.provider === "sqlite") restoreSqlite(backup, target.file, { force });
  else await restorePostgres(backup, target.url, { force });
  return inspectDatabase(target);
}
