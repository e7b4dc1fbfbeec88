import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { ensurePrivateFile } from "@/app/_lib/private-file";
import { resolveDatabase, type DatabaseTarget } from "./url";

/**
 * Both generated clients expose the same models; the SQLite client's type is the common
 * denominator (PostgreSQL-only options such as `mode: "insensitive"` do not type-check).
 */
export type Database = SqliteClient;

/** The client handed to a `$transaction` callback. */
export type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

/** SQLite waits this long for a lock held by another connection before reporting "busy". */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Prisma's defaults (2 s to get a connection for a transaction, 5 s to finish it) turn a burst on
 * a busy machine into readers told to try again while the server was merely queueing: wait longer.
 */
const transactionOptions = { maxWait: 10_000, timeout: 20_000 };

const PROVIDER = Symbol.for("vetted.databaseProvider");

/** Which database a client talks to, for the few statements that differ (locks). */
export function providerOf(database: Database): DatabaseTarget["provider"] {
  return (database as unknown as Record<symbol, DatabaseTarget["provider"] | undefined>)[PROVIDER] ?? "sqlite";
}

function tagged<T extends object>(client: T, provider: DatabaseTarget["provider"]): T {
  Object.defineProperty(client, PROVIDER, { value: provider });
  return client;
}

export function createDatabase(target: DatabaseTarget = resolveDatabase()): Database {
  if (target.provider === "postgresql") {
    const adapter = withConnectionsReturnedOnFailedEnd(new PrismaPg({ connectionString: target.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }));
    return tagged(new PostgresClient({ adapter, transactionOptions }), "postgresql") as unknown as Database;
  }
  mkdirSync(path.dirname(target.file), { recursive: true });
  // The database holds every account: SQLite gives its -wal and -shm files the database file's
  // mode, so creating it owner-only (or narrowing an existing one) keeps all three private.
  ensurePrivateFile(target.file);
  // WAL (set once per database file by the migration runner) lets readers work while a writer
  // commits; the busy timeout makes concurrent writers queue instead of failing at once.
  const adapter = withImmediateTransactions(new PrismaBetterSQLite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS }));
  return tagged(new SqliteClient({ adapter, transactionOptions }), "sqlite");
}

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type SqliteConnection = BetterSqlite3.Database;

/**
 * The adapter opens transactions with a deferred BEGIN, which takes no lock until the first write.
 * A transaction that reads first (an upsert, a check before an insert) then fails at its first
 * write with SQLITE_BUSY_SNAPSHOT whenever another connection (a second instance, the mail jobs,
 * a command-line tool) committed in between: the busy timeout cannot help, the reader's snapshot
 * is stale. Taking the write lock at once (BEGIN IMMEDIATE) makes such transactions queue on the
 * busy timeout instead, and serialises read-then-write checks across processes.
 */
function withImmediateTransactions(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const connection = (adapter as SqliteAdapter & { client: SqliteConnection }).client;
    keepPreparedStatements(connection);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await startTransaction(isolationLevel);
      try {
        // The deferred transaction just begun holds nothing, so ending it costs nothing.
        connection.exec("COMMIT; BEGIN IMMEDIATE");
      } catch (error) {
        await transaction.rollback();
        throw error;
      }
      return transaction;
    };
    return adapter;
  };
  return factory;
}

/** Distinct statements kept prepared per connection (Prisma writes one per query shape and list length). */
export const KEPT_STATEMENTS = 200;
/**
 * Longer statements (lists of hundreds of values) are prepared each time: a prepared statement's
 * memory grows with its values, and 500 such kept took 60 MB.
 */
export const LONGEST_KEPT_STATEMENT = 4_096;

/**
 * The adapter prepares every statement again for each query (its profile: about 80 µs a
 * statement, over a millisecond of a queue page's work). SQLite can run a prepared statement any
 * number of times, so each connection keeps its most recently used short ones. The adapter binds the
 * values to the statement it is handed, which better-sqlite3 allows once per statement; it is
 * handed a view that passes them to each call instead.
 */
export function keepPreparedStatements(connection: SqliteConnection, limit = KEPT_STATEMENTS, longest = LONGEST_KEPT_STATEMENT): void {
  const prepare = connection.prepare.bind(connection);
  const kept = new Map<string, BetterSqlite3.Statement>();
  connection.prepare = ((sql: string) => {
    if (sql.length > longest) return prepare(sql);
    let statement = kept.get(sql);
    if (statement) {
      kept.delete(sql);
    } else {
      statement = prepare(sql);
      if (kept.size >= limit) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    return reusable(statement);
  }) as SqliteConnection["prepare"];
}

/**
 * What the adapter calls on a statement (bind, then run or read; or run at once), without
 * binding it for good.
 */
function reusable(statement: BetterSqlite3.Statement) {
  return {
    reader: statement.reader,
    run: (...values: unknown[]) => statement.run(...values),
    bind: (values: unknown[]) => ({
      reader: statement.reader,
      columns: () => statement.columns(),
      run: () => statement.run(values),
      raw: () => ({ all: () => statement.raw(true).all(values) }),
    }),
  } as unknown as BetterSqlite3.Statement;
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

const ENDS_TRANSACTION = /^\s*(?:COMMIT|ROLLBACK)\s*$/i;

/**
 * Prisma 6.19 ends a transaction by sending COMMIT or ROLLBACK and only then hands the connection
 * back to the pool; when that statement fails (the server killed the connection mid-transaction)
 * the connection is never handed back. Ten such failures took every connection of the pool, and
 * from then on every query waited for one forever (found with connections killed under load).
 * Here a failed COMMIT or ROLLBACK hands the connection back before the error goes on; the pool
 * sees it is broken and closes it.
 */
function withConnectionsReturnedOnFailedEnd(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction: PgTransaction = await startTransaction(isolationLevel);
      const executeRaw = transaction.executeRaw.bind(transaction);
      transaction.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (error) {
          if (ENDS_TRANSACTION.test(query.sql)) await transaction.rollback();
          throw error;
        }
      };
      return transaction;
    };
    return adapter;
  };
  return factory;
}
