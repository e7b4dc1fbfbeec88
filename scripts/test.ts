/**
 * `npm test`: every check, on SQLite and then on PostgreSQL, ending with one line that totals
 * every suite ("N passed, N failed, N skipped").
 *
 *  1. Chromium and nginx from Debian when missing (Playwright cannot download browsers here), then
 *     the versions found (Chromium, fonts, PostgreSQL, Redis), so a failure elsewhere reads at a glance.
 *  2. Type checking and ESLint (one check each).
 *  3. Unit tests on SQLite.
 *  4. The production build, then the end-to-end suite against `next start` on a fresh SQLite file.
 *  5. On PostgreSQL (TEST_POSTGRES_URL, default 127.0.0.1:5432): the database unit tests
 *     (*.db.test.ts) and the end-to-end suite again, on databases created for this run and
 *     dropped after it.
 *  6. The load and fault scenarios (scripts/load-test.ts) at a small size, on both databases side
 *     by side: two instances on PostgreSQL and Redis, a rolling restart behind nginx, SIGTERM under load.
 * A failing step does not stop the later ones, so one run reports everything.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { withDatabaseName } from "../app/_lib/db/url";
import { CHROMIUM_DEBIAN_PACKAGE, CHROMIUM_PATH } from "./lib/browser";
import { describeEnvironment } from "./lib/environment";
import { adminQuery, buildIfNeeded, freePort, postgresAdminUrl } from "./lib/harness";
import { NGINX } from "./lib/nginx";

type Tally = { passed: number; failed: number; skipped: number };
type Suite = Tally & { name: string; note?: string; seconds?: number };

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const outputDir = path.join(root, "tests", ".output");
const runId = `vetted_run_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;

const suites: Suite[] = [];
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  return result.status === 0;
}

let stepStarted = Date.now();
function heading(text: string) {
  stepStarted = Date.now();
  console.log(`\n=== ${text} ===`);
}

/** Each suite's result with the time its step took, so a slow run shows where its time went. */
function addSuite(suite: Suite) {
  suites.push({ ...suite, seconds: Math.round((Date.now() - stepStarted) / 1000) });
}

/** Installs a Debian package when its program is missing or does not run (as root, or through sudo). */
function ensureDebianPackage(program: string, versionFlag: string, pkg: string, neededBy: string): boolean {
  if (existsSync(program) && spawnSync(program, [versionFlag]).status === 0) return true;
  heading(`Installing ${pkg} from Debian (needed by ${neededBy})`);
  const apt = (...args: string[]) =>
    process.getuid?.() === 0 ? run("apt-get", args, { DEBIAN_FRONTEND: "noninteractive" }) : run("sudo", ["apt-get", ...args], { DEBIAN_FRONTEND: "noninteractive" });
  apt("update");
  if (!apt("install", "-y", "--no-install-recommends", pkg) || !existsSync(program)) {
    console.error(`${pkg} could not be installed; ${neededBy} will fail. Install the Debian package "${pkg}".`);
    return false;
  }
  return true;
}

type Command = { name: string; command: string; args: string[] };
type Finished = { ok: boolean; output: string; seconds: number };

/**
 * Runs commands side by side, each one's output kept and printed whole once all are done, under
 * its own heading: for steps that leave a core idle alone (the load scenarios wait on servers
 * starting and draining).
 */
async function sideBySide(commands: Command[]): Promise<Finished[]> {
  const started = Date.now();
  const results = await Promise.all(
    commands.map(
      ({ command, args }) =>
        new Promise<Finished>((resolve) => {
          const child = spawn(command, args, { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" } });
          let output = "";
          child.stdout.on("data", (chunk: Buffer) => (output += chunk));
          child.stderr.on("data", (chunk: Buffer) => (output += chunk));
          const seconds = () => Math.round((Date.now() - started) / 1000);
          child.on("error", (error) => resolve({ ok: false, output: `${output}${error.message}\n`, seconds: seconds() }));
          child.on("close", (code) => resolve({ ok: code === 0, output, seconds: seconds() }));
        }),
    ),
  );
  commands.forEach(({ name, command, args }, index) => {
    console.log(`\n=== ${name} ===\n\n$ ${[command, ...args].join(" ")}`);
    process.stdout.write(results[index]!.output);
  });
  return results;
}

function check(name: string, command: string, args: string[]) {
  heading(name);
  const ok = run(command, args);
  addSuite({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

function readVitest(file: string, name: string, ok: boolean) {
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    const failed = report.numFailedTests + (ok || report.numFailedTests ? 0 : 1);
    addSuite({ name, passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests });
  } catch {
    addSuite({ name, passed: 0, failed: 1, skipped: 0 });
  }
}

function unit(name: string, env: Record<string, string>, files: string[] = []) {
  heading(name);
  const file = path.join(outputDir, `${name.replace(/\W+/g, "-")}.json`);
  rmSync(file, { force: true });
  const ok = run(bin("vitest"), ["run", ...files, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], env);
  readVitest(file, name, ok);
}

function e2e(name: string, databaseUrl: string, port: number) {
  heading(name);
  const file = path.join(outputDir, `${name.replace(/\W+/g, "-")}.json`);
  rmSync(file, { force: true });
  const ok = run(bin("playwright"), ["test"], { E2E_DATABASE_URL: databaseUrl, E2E_PORT: String(port), PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  try {
    const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    const { expected, unexpected, flaky, skipped } = report.stats;
    const failed = unexpected + flaky + (ok || unexpected || flaky ? 0 : 1);
    addSuite({ name, passed: expected, failed, skipped });
  } catch {
    addSuite({ name, passed: 0, failed: 1, skipped: 0 });
  }
}

/** The load and fault scenarios, SQLite's and PostgreSQL's side by side (scripts/load-test.ts). */
async function loadAndFaults() {
  const name = "Load and faults (both databases)";
  const started = Date.now();
  const files = ["sqlite", "postgresql"].map((provider) => path.join(outputDir, `load-and-faults-${provider}.json`));
  for (const file of files) rmSync(file, { force: true });
  const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
  // The build is checked once here, so the two runs side by side never build at the same time;
  // a failed build fails both runs below, which report it.
  try {
    buildIfNeeded();
  } catch {}
  const finished = await sideBySide(
    (["sqlite", "postgresql"] as const).map((provider, index) => ({
      name: `${name}: ${provider === "sqlite" ? "SQLite" : "PostgreSQL"}`,
      command: process.execPath,
      args: [tsx, "scripts/load-test.ts", "--size", "small", "--db", provider, "--json", files[index]!],
    })),
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  // Each database's scenarios count on their own: a run that crashed (no file, or a failing exit
  // with every recorded scenario passed) is one more failure, and the other's results still count.
  const results: { ok: boolean; slow: string[] }[] = [];
  let crashed = 0;
  files.forEach((file, index) => {
    try {
      const own = JSON.parse(readFileSync(file, "utf8")) as { ok: boolean; slow: string[] }[];
      results.push(...own);
      if (!finished[index]!.ok && own.every((result) => result.ok)) crashed += 1;
    } catch {
      crashed += 1;
    }
  });
  const passed = results.filter((result) => result.ok).length;
  const slow = results.filter((result) => result.ok && result.slow.length).length;
  suites.push({ name, passed, failed: results.length - passed + crashed, skipped: 0, seconds, note: slow ? `${slow} passed slowly: this machine was too busy to keep up, see "slow" above` : undefined });
}

async function dropRunDatabases() {
  const { rows } = await adminQuery("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${runId}%`]);
  for (const { datname } of rows as { datname: string }[]) await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

async function main() {
  mkdirSync(outputDir, { recursive: true });
  const started = Date.now();
  ensureDebianPackage(CHROMIUM_PATH, "--version", CHROMIUM_DEBIAN_PACKAGE, "the end-to-end tests");
  ensureDebianPackage(NGINX, "-v", "nginx", "the rolling-restart scenario");
  heading("Environment");
  for (const line of await describeEnvironment(CHROMIUM_PATH)) console.log(line);

  check("Type check", bin("tsc"), ["--noEmit"]);
  check("ESLint", bin("eslint"), ["."]);
  unit("Unit tests (SQLite)", { TEST_DATABASE_PROVIDER: "sqlite", TEST_RUN_ID: runId });

  const sqliteFile = path.join(outputDir, `${runId}.db`);
  e2e("End-to-end (SQLite)", `file:${sqliteFile}`, await freePort());
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${sqliteFile}${suffix}`, { force: true });

  heading("PostgreSQL");
  let postgresReady = false;
  try {
    await adminQuery(`CREATE DATABASE "${runId}"`);
    postgresReady = true;
  } catch (error) {
    console.error(`PostgreSQL is not reachable at ${new URL(postgresAdminUrl).host}: ${(error as Error).message}`);
    addSuite({ name: "PostgreSQL", passed: 0, failed: 1, skipped: 0 });
  }
  if (postgresReady) {
    try {
      unit("Database unit tests (PostgreSQL)", { TEST_DATABASE_PROVIDER: "postgresql", TEST_POSTGRES_URL: postgresAdminUrl, TEST_RUN_ID: `${runId}_u` }, [".db.test.ts"]);
      e2e("End-to-end (PostgreSQL)", withDatabaseName(postgresAdminUrl, runId), await freePort());
    } finally {
      await dropRunDatabases();
    }
  }

  if (postgresReady) await loadAndFaults();

  const total = suites.reduce<Tally>((sum, suite) => ({ passed: sum.passed + suite.passed, failed: sum.failed + suite.failed, skipped: sum.skipped + suite.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  console.log(`\n=== Summary (${Math.round((Date.now() - started) / 1000)} s) ===`);
  for (const suite of suites) {
    console.log(`${suite.failed ? "FAIL" : "ok  "}  ${suite.name}: ${suite.passed} passed, ${suite.failed} failed${suite.skipped ? `, ${suite.skipped} skipped` : ""}${suite.note ? ` (${suite.note})` : ""}${suite.seconds === undefined ? "" : ` [${suite.seconds} s]`}`);
  }
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  process.exitCode = total.failed ? 1 : 0;
}

main().catch(async (error: Error) => {
  console.error(error);
  await dropRunDatabases().catch(() => undefined);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
