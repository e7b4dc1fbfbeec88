import { spawn } from "node:child_process";
import { BackupError } from "./errors";
import type { LibpqConnection } from "./libpq";

type Tool = "pg_dump" | "pg_restore";

/** Lines of a tool's error output worth showing: without the tool's own name in front of each. */
function describeFailure(tool: Tool, stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.replace(new RegExp(`^${tool}: (error: )?`), "").trim())
    .filter(Boolean);
  return lines.slice(0, 6).join(" ") || "no message";
}

/** libpq's `dbname` keyword, quoted: a database name that looks like a URL is still only a name. */
export function dbnameArgument(database: string): string {
  return `--dbname=dbname='${database.replace(/[\\']/g, "\\$&")}'`;
}

/**
 * Runs a PostgreSQL client tool directly (no shell, so nothing in the arguments is interpreted),
 * connecting through the environment from libpqConnection, and returns what it printed; a failure
 * is reported as `failure`, then what the tool said.
 * `--no-password` makes a missing password an error instead of a prompt that would wait forever.
 */
export function runPgTool(tool: Tool, args: string[], connection: LibpqConnection, failure: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, ["--no-password", ...args], { env: connection.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new BackupError(`${tool} was not found. Install PostgreSQL's client tools, of the server's major version or newer (Debian: postgresql-client).`)
          : new BackupError(`${tool} could not be started: ${error.message}.`),
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(stdout).toString("utf8"));
      else reject(new BackupError(`${failure}: ${describeFailure(tool, Buffer.concat(stderr).toString("utf8"))}`));
    });
  });
}
