import { BAD_INPUT, BackupError } from "./errors";

/**
 * How pg_dump and pg_restore are told which database to use: in libpq's environment variables,
 * never on the command line, where every user of the machine can read it (`ps`), and where a
 * password would end up in logs.
 */

/** The URL's parameters libpq understands, and the variable each is passed in. */
const PARAMETER_VARIABLES: Record<string, string> = {
  host: "PGHOST",
  user: "PGUSER",
  password: "PGPASSWORD",
  port: "PGPORT",
  sslmode: "PGSSLMODE",
  sslrootcert: "PGSSLROOTCERT",
  sslcert: "PGSSLCERT",
  sslkey: "PGSSLKEY",
  connect_timeout: "PGCONNECT_TIMEOUT",
  application_name: "PGAPPNAME",
  options: "PGOPTIONS",
  target_session_attrs: "PGTARGETSESSIONATTRS",
};

/** Variables that would choose another server or database than the URL's, if inherited. */
const INHERITED_CHOICES = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS"];

/** An unreachable server is reported after this long rather than left to the system's TCP timeout. */
const DEFAULT_CONNECT_TIMEOUT_SECONDS = "10";

type Environment = Record<string, string | undefined>;

export type LibpqConnection = {
  /** The variables to run a PostgreSQL client tool with. */
  env: Environment;
  database: string;
  /** host:port/database, for messages: no user or password. */
  where: string;
};

export function libpqConnection(url: string, inherited: Environment = process.env): LibpqConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BackupError("DATABASE_URL is not a valid PostgreSQL URL (postgresql://user@host:port/database).", BAD_INPUT);
  }
  const env: Environment = { ...inherited };
  for (const name of INHERITED_CHOICES) delete env[name];
  const user = decodeURIComponent(parsed.username) || parsed.searchParams.get("user") || "";
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || parsed.searchParams.get("dbname") || user || "postgres";
  if (parsed.hostname) env.PGHOST = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (parsed.port) env.PGPORT = parsed.port;
  if (user) env.PGUSER = user;
  // A password in the URL wins over one inherited; without one, PGPASSWORD or ~/.pgpass may supply it.
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  env.PGDATABASE = database;
  // Other parameters (Prisma's schema, connection_limit …) mean nothing to libpq and are left out.
  for (const [name, value] of parsed.searchParams) {
    const variable = PARAMETER_VARIABLES[name];
    if (variable) env[variable] = value;
  }
  env.PGCONNECT_TIMEOUT ??= DEFAULT_CONNECT_TIMEOUT_SECONDS;
  const host = env.PGHOST ?? "localhost";
  return { env, database, where: `${host}:${env.PGPORT ?? "5432"}/${database}` };
}
