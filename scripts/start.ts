/**
 * `npm start`: everything a fresh clone needs, then the production server.
 * 1. Loads .env files and generates the local secrets a person would otherwise have to create.
 * 2. Applies migrations and seeds the first post and terms (both idempotent).
 * 3. Builds when the sources changed since the last build.
 * 4. Serves on PORT (default 3000). `--dev` runs the development server instead;
 *    `--prepare` stops after step 3.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { createDatabase } from "../app/_lib/db/client";
import { resolveDatabase } from "../app/_lib/db/url";
import { migrate } from "../prisma/migrate";
import { seed } from "../prisma/seed/index";
import { DEFAULT_DIGEST_HOUR_UTC, startMailJobs } from "../app/_lib/mail/jobs";
import { renderStale } from "../app/_lib/content/rerender";
import { serverNodeFlags, serverProcessEnv } from "./lib/server-env";
import { prepareLocalSecret } from "./local-secret";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const dev = process.argv.includes("--dev");
const prepareOnly = process.argv.includes("--prepare");
const log = (message: string) => console.log(`[vetted] ${message}`);

function ensureLocalSecret() {
  const { generated, narrowed } = prepareLocalSecret(path.join(root, ".env.local"));
  if (narrowed) log(".env.local was readable by other users: it is now readable by its owner only");
  if (generated) log("Generated a session secret (NEXTAUTH_SECRET) and stored it in .env.local");
}

// The generated schemas, not only the models: a generator setting changes the client the build bundles.
const BUILD_INPUTS = ["app", "public", "proxy.ts", "instrumentation.ts", "prisma/sqlite/schema.prisma", "prisma/postgresql/schema.prisma", "next.config.mjs", "package-lock.json", "tsconfig.json"];

/** A fingerprint of everything the build reads, so a changed checkout is rebuilt. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative).update(readFileSync(full));
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

function buildIfNeeded() {
  const marker = path.join(root, ".next", "vetted-source.sha256");
  const fingerprint = sourceFingerprint();
  const current = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint;
  if (current) return;
  log("Building the production bundle (next build)...");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(marker, fingerprint);
}

async function prepareDatabase() {
  const target = resolveDatabase();
  log(target.provider === "sqlite" ? `Database: SQLite at ${path.relative(root, target.file) || target.file}` : "Database: PostgreSQL");
  const applied = await migrate(target);
  if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
  const db = createDatabase(target);
  try {
    const report = await seed(db);
    if (report.postsCreated || report.termsCreated) {
      log(`Seeded ${report.postsCreated} post(s), ${report.commentsCreated} comment(s), ${report.termsCreated} terms version(s)`);
    }
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  process.chdir(root);
  nextEnv.loadEnvConfig(root, dev);
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const port = process.env.PORT ?? "3000";
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  ensureLocalSecret();
  await prepareDatabase();
  if (!dev) buildIfNeeded();
  if (prepareOnly) return;

  log(`Serving on http://localhost:${port}`);
  // Production runs scripts/serve.ts (Next's handler, with the connection's address recorded).
  // `--import tsx` runs it in this one process (tsx's own command would add a parent process).
  const command = dev ? [nextBin, "dev", "-p", port] : [...serverNodeFlags(), "--import", "tsx", path.join(root, "scripts/serve.ts")];
  const server = spawn(process.execPath, command, {
    cwd: root,
    stdio: "inherit",
    env: serverProcessEnv(),
  });
  const jobsDb = createDatabase();
  const stopMailJobs = startMailJobs(jobsDb, { hourUtc: Number(process.env.DIGEST_HOUR_UTC ?? DEFAULT_DIGEST_HOUR_UTC) });
  // Renderings missing or of an older renderer are redone in the background; pages render such
  // rows themselves meanwhile.
  renderStale(jobsDb)
    .then(({ posts, comments }) => (posts || comments ? log(`Rendered ${posts} post(s) and ${comments} comment(s) with the current Markdown renderer`) : undefined))
    .catch((error: Error) => console.error(`[vetted] Rendering stored Markdown failed; pages render it when read: ${error.message}`));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => {
    stopMailJobs();
    void jobsDb.$disconnect().finally(() => process.exit(code ?? 0));
  });
}

main().catch((error: Error) => {
  console.error(`[vetted] ${error.message}`);
  process.exit(1);
});
