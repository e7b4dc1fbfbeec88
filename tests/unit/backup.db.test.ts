/**
 * Backups taken while readers keep commenting hold every comment acknowledged before the backup
 * began, restore into a fresh database with the same migrations, and the restore refuses what
 * would destroy data or could not work: a target that holds a database (without --force), a
 * backup of the other kind of database, a file that is no backup.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { resolveDatabase, type DatabaseTarget } from "@/app/_lib/db/url";
import { readMigrations } from "@/prisma/migrate";
import { createBackup } from "@/scripts/lib/backup/create";
import { BackupError } from "@/scripts/lib/backup/errors";
import { restoreBackup } from "@/scripts/lib/backup/restore";
import { setAppDatabase } from "../support/app-db";
import { createEmptyDatabase, createTestDatabase, testProvider, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";

const { submitComment } = await import("@/app/_lib/comments/submit");

const root = path.resolve(import.meta.dirname, "../..");
const WRITERS = 8;
const ACKNOWLEDGED_BEFORE_BACKUP = 24;

let site: TestDatabase;
let postId: string;
let termsVersion: number;
let readers: Viewer[];
let folder: string;
const dropLater: (() => Promise<void>)[] = [];

beforeAll(async () => {
  site = await createTestDatabase();
  setAppDatabase(site.db);
  // Flood control would hold each reader to one comment in 15 seconds; this is about storage.
  for (const [key, value] of [["commentIntervalSeconds", "0"], ["duplicateWindowMinutes", "0"]] as const) {
    await site.db.setting.upsert({ where: { key }, update: { value }, create: { key, value } });
  }
  termsVersion = (await site.db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } })).version;
  postId = (await site.db.post.create({ data: { slug: `backup-${randomUUID()}`, title: "Backed up", authorName: "A", publishedAt: new Date(), body: "B" } })).id;
  readers = await Promise.all(Array.from({ length: WRITERS }, () => makeViewer(site.db)));
  folder = mkdtempSync(path.join(os.tmpdir(), "vetted-backups-"));
});
afterAll(async () => {
  for (const drop of dropLater) await drop();
  await site.drop();
  rmSync(folder, { recursive: true, force: true });
});

async function emptyDatabase(): Promise<DatabaseTarget> {
  const empty = await createEmptyDatabase();
  dropLater.push(empty.drop);
  return empty.target;
}

async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const db = createDatabase(target);
  dropLater.unshift(() => db.$disconnect());
  return db;
}

/** Runs one of the command-line tools as the operator would, in a process of its own. */
function runCommand(script: string, args: string[], databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), script, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

type Acknowledgement = { id: string; at: number };

/** One reader commenting as fast as the site answers, until told to stop; keeps every acknowledgement. */
async function keepCommenting(reader: Viewer, stop: { now: boolean }, acknowledged: Acknowledgement[]): Promise<void> {
  while (!stop.now) {
    const result = await submitComment(reader, { postId, body: `Under load ${randomUUID()}`, acceptTerms: true, termsVersion, submissionKey: randomUUID(), notifyReplies: false });
    if (!result.ok) throw new Error(`A comment was refused: ${result.message}`);
    acknowledged.push({ id: result.comment.id, at: performance.now() });
    // SQLite answers in-process without real I/O; without a turn of the event loop between
    // comments, nothing else here (the timer, the backup's output) would ever run.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function appliedMigrations(db: Database) {
  return db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(`SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`);
}

/** Each status's tally as the triggers keep it, against a full count: equal only in a consistent snapshot. */
async function talliesAndCounts(db: Database) {
  const tallies = await db.$queryRawUnsafe<{ status: string; count: number | bigint }[]>(`
    SELECT "status", SUM("count") AS "count" FROM (
      SELECT CAST("status" AS TEXT) AS "status", "count" FROM "CommentTally"
      UNION ALL SELECT CAST("status" AS TEXT) AS "status", "delta" AS "count" FROM "CommentTallyChange"
    ) AS "tallies" GROUP BY "status"`);
  const counts = await db.comment.groupBy({ by: ["status"], _count: { _all: true } });
  return {
    tallies: Object.fromEntries(tallies.filter((row) => Number(row.count) !== 0).map((row) => [row.status, Number(row.count)])),
    counts: Object.fromEntries(counts.map((row) => [row.status, row._count._all])),
  };
}

describe(`a backup taken while readers comment (${testProvider})`, () => {
  it("holds every comment acknowledged before it began, and restores with the same migrations", async () => {
    const stop = { now: false };
    const acknowledged: Acknowledgement[] = [];
    const writers = readers.map((reader) => keepCommenting(reader, stop, acknowledged));
    let backup: Awaited<ReturnType<typeof runCommand>>;
    let startedAt: number;
    let endedAt: number;
    let acknowledgedBefore: string[];
    try {
      await until(() => acknowledged.length >= ACKNOWLEDGED_BEFORE_BACKUP);
      startedAt = performance.now();
      acknowledgedBefore = acknowledged.map((entry) => entry.id);
      backup = await runCommand("scripts/backup.ts", [path.join(folder, "under-load")], site.target.url);
      endedAt = performance.now();
    } finally {
      stop.now = true;
      await Promise.all(writers);
    }
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const file = backup.stdout.trim();
    expect(path.basename(file)).toMatch(testProvider === "sqlite" ? /^vetted-sqlite-\d{8}T\d{6}Z\.db$/ : /^vetted-postgresql-\d{8}T\d{6}Z\.dump$/);
    expect((statSync(file).mode & 0o777).toString(8)).toBe("600");
    // The site really was writing while the backup ran.
    expect(acknowledged.filter((entry) => entry.at > startedAt && entry.at < endedAt).length).toBeGreaterThan(0);

    const fresh = await emptyDatabase();
    const state = await restoreBackup(fresh, file);
    const restored = await openDatabase(fresh);
    const restoredIds = new Set((await restored.comment.findMany({ where: { postId }, select: { id: true } })).map((comment) => comment.id));
    expect(acknowledgedBefore.filter((id) => !restoredIds.has(id))).toEqual([]);
    // Nothing the site did not store, and nothing half-stored: the tallies agree with the rows.
    const everyAcknowledged = new Set(acknowledged.map((entry) => entry.id));
    expect([...restoredIds].filter((id) => !everyAcknowledged.has(id))).toEqual([]);
    const { tallies, counts } = await talliesAndCounts(restored);
    expect(tallies).toEqual(counts);

    expect(await appliedMigrations(restored)).toEqual(await appliedMigrations(site.db));
    expect(state).toEqual({
      migrations: { applied: readMigrations(testProvider).map((migration) => migration.name), missing: [], unknown: [], changed: [] },
      comments: restoredIds.size,
      posts: 1,
    });
  });
});

describe("the restore's refusals", () => {
  let backupFile: string;
  beforeAll(async () => {
    backupFile = await createBackup(site.target, path.join(folder, "refusals"));
  });

  it("replaces a database that holds data only with --force, and leaves it untouched without", async () => {
    const target = await createTestDatabase();
    dropLater.push(target.drop);
    await target.db.post.create({ data: { slug: "kept", title: "Kept", authorName: "A", publishedAt: new Date(), body: "B" } });
    await target.db.$disconnect();

    await expect(restoreBackup(target.target, backupFile)).rejects.toThrow(/already holds (a database|tables)\. Restoring replaces (it|them): stop the site, then run the restore again with --force\./);
    const untouched = await openDatabase(target.target);
    expect(await untouched.post.findMany({ select: { slug: true } })).toEqual([{ slug: "kept" }]);
    await untouched.$disconnect();

    const state = await restoreBackup(target.target, backupFile, { force: true });
    expect(state.posts).toBe(1);
    const replaced = await openDatabase(target.target);
    expect(await replaced.post.count({ where: { slug: "kept" } })).toBe(0);
    expect(await replaced.post.count({ where: { id: postId } })).toBe(1);
  });

  it.runIf(testProvider === "sqlite")("removes the replaced database's write-ahead log, which SQLite would otherwise replay into the restored file", async () => {
    const target = await createTestDatabase();
    dropLater.push(target.drop);
    await target.db.$disconnect();
    const file = (target.target as { file: string }).file;
    // A log left by a site that crashed: frames never checkpointed into the file.
    const crashed = new Sqlite(file);
    crashed.pragma("wal_autocheckpoint = 0");
    crashed.prepare(`INSERT INTO "Post" (id, slug, title, authorName, publishedAt, body, updatedAt) VALUES ('stale', 'stale', 'Stale', 'A', 0, 'B', 0)`).run();
    copyFileSync(`${file}-wal`, `${file}-wal.kept`);
    crashed.close();
    copyFileSync(`${file}-wal.kept`, `${file}-wal`);
    rmSync(`${file}-wal.kept`);

    await restoreBackup(target.target, backupFile, { force: true });
    expect(existsSync(`${file}-wal`)).toBe(false);
    const restored = await openDatabase(target.target);
    expect(await restored.post.findMany({ select: { id: true } })).toEqual([{ id: postId }]);
    expect(await restored.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });

  it("refuses a backup of the other kind of database, and a file that is no backup, before touching anything", async () => {
    const other = path.join(folder, testProvider === "sqlite" ? "other.dump" : "other.db");
    if (testProvider === "sqlite") writeFileSync(other, Buffer.concat([Buffer.from("PGDMP"), Buffer.alloc(64)]));
    else new Sqlite(other).exec("CREATE TABLE t (x)").close();
    const fresh = await emptyDatabase();
    await expect(restoreBackup(fresh, other)).rejects.toThrow(
      testProvider === "sqlite" ? "is a PostgreSQL backup, but DATABASE_URL names a SQLite database" : "is a SQLite backup, but DATABASE_URL names a PostgreSQL database",
    );

    const notes = path.join(folder, "notes.txt");
    writeFileSync(notes, "not a backup\n");
    await expect(restoreBackup(fresh, notes)).rejects.toThrow("is not a backup: it is neither a SQLite database nor a pg_dump custom-format file");
    await expect(restoreBackup(fresh, path.join(folder, "missing.db"))).rejects.toThrow("There is no backup file at");
    if (fresh.provider === "sqlite") expect(existsSync(fresh.file)).toBe(false);
  });

  it("reports an unreachable database or a missing one in a sentence, and the command exits non-zero without a stack trace", async () => {
    if (testProvider === "postgresql") {
      const unreachable = resolveDatabase("postgresql://postgres:secret-password@127.0.0.1:1/nowhere");
      const backupError = await createBackup(unreachable, path.join(folder, "unreachable")).catch((error: unknown) => error);
      expect(backupError).toBeInstanceOf(BackupError);
      expect((backupError as Error).message).toMatch(/^Cannot back up the PostgreSQL database at 127\.0\.0\.1:1\/nowhere: connection to server at "127\.0\.0\.1", port 1 failed: Connection refused/);
      expect((backupError as Error).message).not.toContain("secret-password");
      await expect(restoreBackup(unreachable, backupFile)).rejects.toThrow(/^Cannot reach the PostgreSQL database at 127\.0\.0\.1:1\/nowhere: /);
    } else {
      await expect(createBackup(resolveDatabase(`file:${path.join(folder, "no-such.db")}`), path.join(folder, "unreachable"))).rejects.toThrow(/^There is no SQLite database at .*no-such\.db: check DATABASE_URL\.$/);
    }
    // Nothing is left behind in the folder by a backup that failed.
    expect(existsSync(path.join(folder, "unreachable")) ? readdirSync(path.join(folder, "unreachable")) : []).toEqual([]);

    const fresh = await emptyDatabase();
    const notes = path.join(folder, "notes.txt");
    writeFileSync(notes, "not a backup\n");
    const refused = await runCommand("scripts/restore.ts", [notes], fresh.url);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`${notes} is not a backup: it is neither a SQLite database nor a pg_dump custom-format file.\n`);
  });
});
