/**
 * The session secret and the SQLite database are readable by their owner only: created so, and
 * narrowed to so when an older version or a copy left them readable by others.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "@/app/_lib/db/client";
import { resolveDatabase } from "@/app/_lib/db/url";
import { migrate } from "@/prisma/migrate";
import { prepareLocalSecret } from "@/scripts/local-secret";

const permissions = (file: string) => (statSync(file).mode & 0o777).toString(8);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "vetted-private-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the generated session secret", () => {
  it("is written to a new .env.local readable by its owner only", () => {
    const envFile = path.join(dir, ".env.local");
    const env: { NEXTAUTH_SECRET?: string } = {};

    expect(prepareLocalSecret(envFile, env)).toEqual({ generated: true, narrowed: false });

    expect(permissions(envFile)).toBe("600");
    expect(readFileSync(envFile, "utf8")).toMatch(/^# Generated on first run.*\nNEXTAUTH_SECRET=[\w-]{43}\n$/);
    expect(readFileSync(envFile, "utf8")).toContain(`NEXTAUTH_SECRET=${env.NEXTAUTH_SECRET}\n`);
  });

  it("narrows a world-readable .env.local, whether or not a secret is generated now", () => {
    const withSecret = path.join(dir, "configured.env");
    writeFileSync(withSecret, "NEXTAUTH_SECRET=kept\n");
    chmodSync(withSecret, 0o644);
    expect(prepareLocalSecret(withSecret, { NEXTAUTH_SECRET: "kept" })).toEqual({ generated: false, narrowed: true });
    expect(permissions(withSecret)).toBe("600");
    expect(readFileSync(withSecret, "utf8")).toBe("NEXTAUTH_SECRET=kept\n");

    const withoutSecret = path.join(dir, "other.env");
    writeFileSync(withoutSecret, "PORT=3001");
    chmodSync(withoutSecret, 0o664);
    expect(prepareLocalSecret(withoutSecret, {})).toEqual({ generated: true, narrowed: true });
    expect(permissions(withoutSecret)).toBe("600");
    expect(readFileSync(withoutSecret, "utf8")).toMatch(/^PORT=3001\n# Generated on first run.*\nNEXTAUTH_SECRET=[\w-]{43}\n$/);
  });

  it("creates no file when the secret comes from the environment", () => {
    const envFile = path.join(dir, ".env.local");
    expect(prepareLocalSecret(envFile, { NEXTAUTH_SECRET: "from the environment" })).toEqual({ generated: false, narrowed: false });
    expect(existsSync(envFile)).toBe(false);
  });
});

describe("the SQLite database files", () => {
  it("are created readable by their owner only, the write-ahead log and shared memory too", async () => {
    const target = resolveDatabase(`file:${path.join(dir, "new.db")}`);
    if (target.provider !== "sqlite") throw new Error("expected a SQLite target");
    const db = createDatabase(target);
    try {
      await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
      await db.$executeRawUnsafe("CREATE TABLE note (text TEXT)");
      await db.$executeRawUnsafe("INSERT INTO note VALUES ('private')");
      expect([permissions(target.file), permissions(`${target.file}-wal`), permissions(`${target.file}-shm`)]).toEqual(["600", "600", "600"]);
    } finally {
      await db.$disconnect();
    }
  });

  it("are narrowed when the database already exists readable by others, as the migration runner leaves it", async () => {
    const target = resolveDatabase(`file:${path.join(dir, "migrated.db")}`);
    if (target.provider !== "sqlite") throw new Error("expected a SQLite target");
    await migrate(target);
    chmodSync(target.file, 0o644);
    const db = createDatabase(target);
    try {
      await db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } });
      expect([permissions(target.file), permissions(`${target.file}-wal`), permissions(`${target.file}-shm`)]).toEqual(["600", "600", "600"]);
    } finally {
      await db.$disconnect();
    }
  });
});
