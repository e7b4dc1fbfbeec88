import { closeSync, fsyncSync, openSync } from "node:fs";

/**
 * Flushes a file, or a folder's list of names, to the disk: a backup or a restored database that
 * has been renamed into place must not turn out half-written after a crash.
 */
export function syncToDisk(fileOrFolder: string): void {
  const fd = openSync(fileOrFolder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
