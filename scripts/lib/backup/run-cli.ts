import nextEnv from "@next/env";
import { UnsupportedDatabaseUrlError } from "../../../app/_lib/db/url";
import { BAD_INPUT, BackupError } from "./errors";

/**
 * Runs a backup command's body with the site's environment files loaded (as `npm start` reads
 * them). Expected failures print their message alone and set their exit code; anything else is a
 * bug and keeps its stack trace.
 */
export function runCli(body: () => Promise<void>): void {
  nextEnv.loadEnvConfig(process.cwd());
  body().catch((error: unknown) => {
    if (error instanceof BackupError || error instanceof UnsupportedDatabaseUrlError) {
      console.error(error.message);
      process.exitCode = error instanceof BackupError ? error.exitCode : BAD_INPUT;
      return;
    }
    console.error(error);
    process.exitCode = 1;
  });
}

/** Reads a command's arguments, or ends it with the usage and exit code 2. */
export function usageError(message: string, usage: string): never {
  console.error(message ? `${message}\n${usage}` : usage);
  process.exit(BAD_INPUT);
}
