import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ensurePrivateFile } from "../../../app/_lib/private-file";
import { syncToDisk } from "./durable";

/**
 * Where a backup is written while it is being taken: a hidden, owner-only file in the backup
 * folder (a backup holds every account), so that a backup cut short never looks like a finished one.
 */
export function partialBackupFile(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `.${name}.partial-${randomBytes(4).toString("hex")}`);
  ensurePrivateFile(file);
  return file;
}

/**
 * Gives a finished backup its name and returns its path. It never replaces a file: linking fails
 * when the name is taken (renaming would overwrite), and then the next free `-2`, `-3` … is used.
 */
export function publishBackup(partial: string, dir: string, name: string): string {
  syncToDisk(partial);
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let attempt = 1; ; attempt += 1) {
    const final = path.join(dir, attempt === 1 ? name : `${stem}-${attempt}${extension}`);
    try {
      linkSync(partial, final);
      rmSync(partial);
      syncToDisk(dir);
      return final;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
