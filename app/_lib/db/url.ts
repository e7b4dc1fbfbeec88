import path from "node:path";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string };

/** Where the embedded database lives when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_FILE = path.join("data", "vetted.db");

export class UnsupportedDatabaseUrlError extends Error {
  constructor(url: string) {
    const scheme = url.includes(":") ? url.slice(0, url.indexOf(":") + 1) : url;
    super(
      `DATABASE_URL uses an unsupported scheme "${scheme}". ` +
        `Use file:<path> for SQLite or postgresql://user@host:port/database for PostgreSQL.`,
    );
    this.name = "UnsupportedDatabaseUrlError";
  }
}

/**
 * Picks the database from DATABASE_URL: unset or `file:` means SQLite (relative paths are taken
 * from the project root), `postgres://` or `postgresql://` means PostgreSQL.
 */
export function resolveDatabase(
  url: string | undefined = process.env.DATABASE_URL,
  root: string = process.cwd(),
): DatabaseTarget {
  const value = url?.trim();
  if (!value) {
    const file = path.resolve(root, DEFAULT_SQLITE_FILE);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    return { provider: "postgresql", url: value };
  }
  if (/^file:/i.test(value)) {
    const rest = value.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!rest || rest.includes("?")) throw new UnsupportedDatabaseUrlError(value);
    const file = path.resolve(root, rest);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  throw new UnsupportedDatabaseUrlError(value);
}

/** The same PostgreSQL server URL, pointing at another database. */
export function withDatabaseName(postgresUrl: string, database: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
