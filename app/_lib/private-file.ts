import { chmodSync, closeSync, openSync, statSync } from "node:fs";

/** Read and write for the owner; nothing for the group or anyone else. */
const OWNER_READ_WRITE = 0o600;
const GROUP_AND_OTHERS = 0o077;

/**
 * Makes sure a file that holds secrets or everyone's data can be read by its owner only: creates
 * it empty with mode 0600 when it does not exist, or takes away the group's and others' access
 * when it does. Returns whether the permissions of an existing file had to be narrowed.
 */
export function ensurePrivateFile(file: string): { narrowed: boolean } {
  try {
    // "wx" creates the file and fails if it exists, so two processes cannot both think they made it.
    closeSync(openSync(file, "wx", OWNER_READ_WRITE));
    return { narrowed: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const { mode } = statSync(file);
  if ((mode & GROUP_AND_OTHERS) === 0) return { narrowed: false };
  chmodSync(file, mode & 0o7777 & ~GROUP_AND_OTHERS);
  return { narrowed: true };
}
