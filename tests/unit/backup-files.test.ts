/**
 * The parts of backup and restore that need no database: backup names, telling the kinds of file
 * apart, how pg_dump and pg_restore are told where to connect, and what the restore reports.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeRestore } from "@/scripts/lib/backup/describe-restore";
import { backupFileName, detectBackupKind } from "@/scripts/lib/backup/kind";
import { libpqConnection } from "@/scripts/lib/backup/libpq";
import { dbnameArgument } from "@/scripts/lib/backup/pg-tools";

const dir = mkdtempSync(path.join(os.tmpdir(), "vetted-backup-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("backup files", () => {
  it("are named after the database kind and the UTC second they were taken", () => {
    const takenAt = new Date("2026-11-27T10:15:03.456Z");
    expect(backupFileName("sqlite", takenAt)).toBe("vetted-sqlite-20261127T101503Z.db");
    expect(backupFileName("postgresql", takenAt)).toBe("vetted-postgresql-20261127T101503Z.dump");
  });

  it("are told apart by their first bytes, whatever their names", () => {
    const renamed = path.join(dir, "backup.db");
    writeFileSync(renamed, Buffer.concat([Buffer.from("PGDMP"), Buffer.alloc(32)]));
    expect(detectBackupKind(renamed)).toBe("postgresql");
    writeFileSync(renamed, Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), Buffer.alloc(32)]));
    expect(detectBackupKind(renamed)).toBe("sqlite");
    writeFileSync(renamed, "");
    expect(() => detectBackupKind(renamed)).toThrow("is not a backup");
  });
});

describe("the connection given to pg_dump and pg_restore", () => {
  it("travels in libpq's environment, with the password out of every argument and message", () => {
    const connection = libpqConnection("postgresql://site%40owner:p%40ss%20word@db.example.org:6543/vetted?sslmode=require&schema=public&connection_limit=5", {
      PATH: "/bin",
      PGHOST: "elsewhere",
      PGDATABASE: "other",
    });
    expect(connection.env).toEqual({
      PATH: "/bin",
      PGHOST: "db.example.org",
      PGPORT: "6543",
      PGUSER: "site@owner",
      PGPASSWORD: "p@ss word",
      PGDATABASE: "vetted",
      PGSSLMODE: "require",
      PGCONNECT_TIMEOUT: "10",
    });
    expect(connection.where).toBe("db.example.org:6543/vetted");
    expect(dbnameArgument(connection.database)).toBe("--dbname=dbname='vetted'");
  });

  it("keeps a database name that looks like a connection string a name", () => {
    expect(dbnameArgument("postgresql://x")).toBe("--dbname=dbname='postgresql://x'");
    expect(dbnameArgument("it's")).toBe("--dbname=dbname='it\\'s'");
  });

  it("reaches a server by its socket folder, and takes the user's name as the database's when none is given", () => {
    const connection = libpqConnection("postgresql:///?host=/var/run/postgresql&user=vetted", {});
    expect(connection.env).toMatchObject({ PGHOST: "/var/run/postgresql", PGUSER: "vetted", PGDATABASE: "vetted" });
    expect(connection.where).toBe("/var/run/postgresql:5432/vetted");
  });
});

describe("the restore's report", () => {
  const migrations = { applied: ["a", "b"], missing: [], unknown: [], changed: [] };

  it("says the migrations match and what the database holds", () => {
    expect(describeRestore("b.db", "site.db", { migrations, comments: 1234, posts: 1 })).toEqual({
      lines: ["Restored b.db into site.db.", "Migrations: 2 migrations applied, the same as this version of the site's (newest b).", "It holds 1,234 comments and 1 post."],
      fits: true,
    });
  });

  it("lists the migrations an older backup lacks, and warns of one made by another version", () => {
    const older = describeRestore("b.db", "site.db", { migrations: { ...migrations, missing: ["c"] }, comments: 0, posts: 0 });
    expect(older.fits).toBe(true);
    expect(older.lines[2]).toContain("1 migration to apply (c). Apply them once with `npm run db:migrate`");
    const newer = describeRestore("b.db", "site.db", { migrations: { ...migrations, unknown: ["z"] }, comments: 0, posts: 0 });
    expect(newer.fits).toBe(false);
    expect(newer.lines[2]).toContain("1 migration this version of the site does not know (z)");
  });
});
