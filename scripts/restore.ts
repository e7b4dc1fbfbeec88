/**
 * Restores a backup made by `npm run backup` into the database DATABASE_URL names, then reports
 * its migrations and how many comments and posts it holds:
 *   npm run restore -- <backup file> [--force]
 * A target that already holds a database is replaced only with --force (stop the site first).
 * Exit 0 when the restored database fits this version of the site (older is fine: its missing
 * migrations are listed), 1 when it was made by another version, 2 for a file or target refused.
 */
import { parseArgs } from "node:util";
import { resolveDatabase } from "../app/_lib/db/url";
import { describeRestore } from "./lib/backup/describe-restore";
import { libpqConnection } from "./lib/backup/libpq";
import { restoreBackup } from "./lib/backup/restore";
import { runCli, usageError } from "./lib/backup/run-cli";

const USAGE = "Usage: npm run restore -- <backup file> [--force]";

runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, strict: true, options: { force: { type: "boolean" } } });
  } catch (error) {
    usageError((error as Error).message, USAGE);
  }
  if (parsed.positionals.length !== 1) usageError("", USAGE);
  const file = parsed.positionals[0]!;
  const target = resolveDatabase();
  const state = await restoreBackup(target, file, { force: parsed.values.force ?? false });
  const { lines, fits } = describeRestore(file, target.provider === "sqlite" ? target.file : `the PostgreSQL database at ${libpqConnection(target.url).where}`, state);
  for (const line of lines) console.log(line);
  if (!fits) process.exitCode = 1;
});
