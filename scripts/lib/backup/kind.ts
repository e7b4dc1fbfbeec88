import { closeSync, openSync, readSync } from "node:fs";
import type { DatabaseTarget } from "../../../app/_lib/db/url";
import { BAD_INPUT, BackupError } from "./errors";

export type BackupKind = DatabaseTarget["provider"];

// How each kind's files begin: SQLite's database header, and pg_dump's custom format (-Fc).
const SIGNATURES: Record<BackupKind, Buffer> = {
  sqlite: Buffer.from("SQLite format 3\0", "latin1"),
  postgresql: Buffer.from("PGDMP", "latin1"),
};

const EXTENSIONS: Record<BackupKind, string> = { sqlite: "db", postgresql: "dump" };

const LABELS: Record<BackupKind, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

export const kindLabel = (kind: BackupKind) => LABELS[kind];

/** `vetted-sqlite-20261127T101500Z.db`: the database kind and the UTC second it was taken. */
export function backupFileName(kind: BackupKind, takenAt: Date): string {
  const stamp = takenAt.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return `vetted-${kind}-${stamp}.${EXTENSIONS[kind]}`;
}

/** Which database a backup file is for, read from its first bytes (its name may have been changed). */
export function detectBackupKind(file: string): BackupKind {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError(code === "ENOENT" ? `There is no backup file at ${file}.` : `Cannot read ${file} (${code}).`, BAD_INPUT);
  }
  const head = Buffer.alloc(16);
  let length: number;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } catch (error) {
    throw new BackupError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code}).`, BAD_INPUT);
  } finally {
    closeSync(fd);
  }
  for (const kind of Object.keys(SIGNATURES) as BackupKind[]) {
    const signature = SIGNATURES[kind];
    if (length >= signature.length && head.subarray(0, signature.length).equals(signature)) return kind;
  }
  throw new BackupError(`${file} is not a backup: it is neither a SQLite database nor a pg_dump custom-format file.`, BAD_INPUT);
}

/** Refuses a backup of one kind of database for a database of the other. */
export function requireKind(file: string, kind: BackupKind, target: BackupKind): void {
  if (kind === target) return;
  throw new BackupError(`${file} is a ${kindLabel(kind)} backup, but DATABASE_URL names a ${kindLabel(target)} database. Restore it into a ${kindLabel(kind)} database.`, BAD_INPUT);
}
