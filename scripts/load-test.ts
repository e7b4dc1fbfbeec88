/**
 * `npm run test:load`: the production server under load and faults, on SQLite and PostgreSQL.
 *   --size small|full   small (run by npm test): 200 submissions from 20 readers; full: 500 from 50
 *   --db sqlite|postgresql|both (default both)   --json <file>   write the results as JSON
 *   --only <words>      only the scenarios whose name contains these words (e.g. --only SIGTERM)
 * Scenarios: a burst of comment submissions; two moderators deciding the same comments in
 * opposite ways at once; PostgreSQL connections killed mid-load; the SQLite server killed with
 * SIGKILL mid-load and restarted; PostgreSQL unreachable, then back.
 * Every acknowledged submission must be stored; no response may be a 5xx unless the process was
 * killed (then requests fail to connect, and none of those were acknowledged).
 * A machine too busy to keep up is not a failure of the app: when every invariant holds but some
 * readers were asked to try again (the server was still queueing), the scenario is reported as
 * "slow" with its figures, apart from the ones that passed and failed. A lost acknowledged comment
 * always fails.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import Sqlite from "better-sqlite3";
import { hashPassword } from "../app/_lib/auth/password";
import type { Database } from "../app/_lib/db/client";
import { resolveDatabase, withDatabaseName } from "../app/_lib/db/url";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./lib/browser";
import { rollingRestartScenario } from "./lib/rolling-restart";
import { twoInstancesScenario } from "./lib/two-instances";
import { actionId, adminQuery, buildIfNeeded, freshDatabase, PASSWORD, postgresAdminUrl, freePort, prepare, signIn, startServer, submitComment } from "./lib/harness";

type Result = { scenario: string; database: string; ok: boolean; slow: string[]; figures: Record<string, number | string>; problems: string[] };

/** What the app tells a reader when it could not store a comment in time; a retry is safe. */
const TRY_AGAIN = "We could not save your comment just now. Please try again in a moment.";
const results: Result[] = [];

async function readers(db: Database, url: string, count: number): Promise<string[]> {
  const passwordHash = await hashPassword(PASSWORD);
  const tag = randomBytes(3).toString("hex");
  const emails = Array.from({ length: count }, (_, index) => `load-${tag}-${index}@example.com`);
  await db.user.createMany({ data: emails.map((email, index) => ({ email, name: `Load Reader ${index}`, passwordHash })) });
  const cookies: string[] = [];
  for (const email of emails) cookies.push(await signIn(url, email));
  return cookies;
}

async function firstPost(db: Database) {
  const post = await db.post.findFirstOrThrow({ select: { id: true, slug: true } });
  const terms = await db.termsVersion.findFirstOrThrow({ orderBy: { version: "desc" }, select: { version: true } });
  return { ...post, termsVersion: terms.version };
}

/** Sends `total` submissions spread over the readers, all at once; `during` runs a fault mid-way. */
async function burst(url: string, cookies: string[], total: number, post: Awaited<ReturnType<typeof firstPost>>, during?: (done: () => number) => Promise<void>) {
  const id = actionId("submitComment");
  let finished = 0;
  const all = Array.from({ length: total }, (_, index) => submitComment(url, cookies[index % cookies.length]!, post.id, post.termsVersion, id, post.slug).finally(() => (finished += 1)));
  const fault = during ? during(() => finished) : Promise.resolve();
  const submissions = await Promise.all(all);
  await fault;
  return submissions;
}

async function storedKeys(db: Database, keys: string[]): Promise<Set<string>> {
  const rows = await db.comment.findMany({ where: { submissionKey: { in: keys } }, select: { submissionKey: true } });
  return new Set(rows.map((row) => row.submissionKey!));
}

function record(scenario: string, database: string, figures: Record<string, number | string>, problems: string[], slow: string[] = []) {
  results.push({ scenario, database, ok: problems.length === 0, slow, figures, problems });
  const label = problems.length ? "FAIL" : slow.length ? "slow" : "ok  ";
  const notes = [...problems, ...(problems.length ? [] : slow.map((note) => `slow machine, not a failure: ${note}`))];
  console.log(`${label}  ${scenario} (${database}): ${Object.entries(figures).map(([key, value]) => `${key} ${value}`).join(", ")}${notes.length ? `\n      ${notes.join("\n      ")}` : ""}`);
}

// ---------- scenarios ----------

async function loadScenario(provider: "sqlite" | "postgresql", total: number, readerCount: number, port: number) {
  const { target, drop } = await freshDatabase(provider, "burst");
  const db = await prepare(target);
  const server = await startServer(target.url, port);
  try {
    const cookies = await readers(db, server.url, readerCount);
    const post = await firstPost(db);
    const started = Date.now();
    const submissions = await burst(server.url, cookies, total, post);
    const seconds = (Date.now() - started) / 1000;
    const acknowledged = submissions.filter((submission) => submission.acknowledged);
    const fiveHundreds = submissions.filter((submission) => typeof submission.status === "number" && submission.status >= 500).length;
    const stored = await storedKeys(db, submissions.map((submission) => submission.key));
    const lost = acknowledged.filter((submission) => !stored.has(submission.key)).length;
    const unacknowledged = submissions.filter((submission) => !submission.acknowledged);
    const askedToRetry = unacknowledged.filter((submission) => submission.status === 200 && submission.message === TRY_AGAIN).length;
    const otherwise = unacknowledged.length - askedToRetry;
    const problems = [
      ...(lost ? [`${lost} acknowledged submissions were lost`] : []),
      ...(fiveHundreds ? [`${fiveHundreds} responses were 5xx`] : []),
      ...(otherwise ? [`${otherwise} submissions were neither stored nor refused with "${TRY_AGAIN}" (${[...new Set(unacknowledged.filter((submission) => submission.message !== TRY_AGAIN).map((submission) => submission.message ?? submission.status))].join("; ")})`] : []),
      ...(acknowledged.length === 0 ? ["no submission was acknowledged"] : []),
    ];
    const slow = askedToRetry ? [`${askedToRetry} of ${total} readers were asked to try again in ${seconds.toFixed(1)} s (nothing acknowledged was lost)`] : [];
    record(
      `${total} submissions from ${readerCount} readers at once`,
      provider,
      { acknowledged: acknowledged.length, "asked to retry": askedToRetry, stored: stored.size, lost, "5xx": fiveHundreds, seconds: seconds.toFixed(1) },
      problems,
      slow,
    );
  } finally {
    await server.stop();
    await db.$disconnect();
    await drop();
  }
}

async function decisionRaceScenario(provider: "sqlite" | "postgresql", count: number, port: number) {
  const { target, drop } = await freshDatabase(provider, "race");
  const db = await prepare(target);
  const server = await startServer(target.url, port);
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const tag = randomBytes(3).toString("hex");
    const moderators = await Promise.all(["a", "b"].map((who) => db.user.create({ data: { email: `mod-${who}-${tag}@example.com`, name: `Moderator ${who}`, role: "MODERATOR", passwordHash } })));
    const cookies = await Promise.all(moderators.map((moderator) => signIn(server.url, moderator.email)));
    const post = await firstPost(db);
    const author = await db.user.create({ data: { email: `author-${tag}@example.com`, name: "Author", passwordHash } });
    await db.comment.createMany({ data: Array.from({ length: count }, (_, index) => ({ postId: post.id, authorId: author.id, body: `Race ${index}`, status: "PENDING" as const })) });
    const comments = await db.comment.findMany({ where: { authorId: author.id }, select: { id: true } });
    const id = actionId("decide");
    const call = (cookie: string, commentId: string, decision: string) =>
      fetch(`${server.url}/moderation`, {
        method: "POST",
        headers: { "Next-Action": id, Origin: server.url, Cookie: cookie, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        body: JSON.stringify([{ commentId, decision, expectedStatus: "PENDING", expectedRevision: 1 }]),
      }).then((response) => response.status);
    const statuses = await Promise.all(comments.flatMap((comment) => [call(cookies[0]!, comment.id, "APPROVE"), call(cookies[1]!, comment.id, "REJECT")]));
    const events = await db.moderationEvent.groupBy({ by: ["commentId"], where: { commentId: { in: comments.map((comment) => comment.id) } }, _count: { _all: true } });
    const decided = await db.comment.count({ where: { id: { in: comments.map((comment) => comment.id) }, status: { in: ["APPROVED", "REJECTED"] } } });
    const wrongEvents = comments.length - events.filter((row) => row._count._all === 1).length;
    const fiveHundreds = statuses.filter((status) => status >= 500).length;
    record(
      `two moderators deciding ${count} comments in opposite ways at once`,
      provider,
      { decided, "comments without exactly one event": wrongEvents, "5xx": fiveHundreds },
      [...(decided !== count ? [`${count - decided} comments undecided`] : []), ...(wrongEvents ? [`${wrongEvents} comments have no or several events`] : []), ...(fiveHundreds ? [`${fiveHundreds} responses were 5xx`] : [])],
    );
  } finally {
    await server.stop();
    await db.$disconnect();
    await drop();
  }
}

async function killedConnectionsScenario(total: number, readerCount: number, port: number) {
  const { target, drop } = await freshDatabase("postgresql", "kill");
  const db = await prepare(target);
  const server = await startServer(target.url, port);
  const database = new URL(target.url).pathname.slice(1);
  try {
    const cookies = await readers(db, server.url, readerCount);
    const post = await firstPost(db);
    let killed = 0;
    const submissions = await burst(server.url, cookies, total, post, async (done) => {
      while (done() < total * 0.3) await new Promise((resolve) => setTimeout(resolve, 5));
      // Every connection of the app to its database, mid-load (ours is on another database).
      const result = await adminQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> 'load-test-observer'", [database]);
      killed = result.rowCount ?? 0;
    });
    const stored = await storedKeys(db, submissions.map((submission) => submission.key));
    const acknowledged = submissions.filter((submission) => submission.acknowledged);
    const lost = acknowledged.filter((submission) => !stored.has(submission.key)).length;
    const failed = submissions.filter((submission) => !submission.acknowledged);
    const silent = failed.filter((submission) => !submission.refusedWithMessage).length;
    const fiveHundreds = submissions.filter((submission) => typeof submission.status === "number" && submission.status >= 500).length;
    const after = await fetch(`${server.url}/posts/${post.slug}`);
    record(
      `PostgreSQL connections killed mid-load (${total} submissions)`,
      "postgresql",
      { "connections killed": killed, acknowledged: acknowledged.length, "acknowledged and stored": acknowledged.length - lost, "failed, reader told": failed.length - silent, "5xx": fiveHundreds, "page after": after.status },
      [
        ...(killed === 0 ? ["no connection was killed"] : []),
        ...(lost ? [`${lost} acknowledged submissions were lost`] : []),
        ...(silent ? [`${silent} failed submissions gave the reader no message`] : []),
        ...(fiveHundreds ? [`${fiveHundreds} responses were 5xx`] : []),
        ...(after.status !== 200 ? ["the app did not recover"] : []),
      ],
    );
  } finally {
    await server.stop();
    await db.$disconnect();
    await drop();
  }
}

async function sigkillScenario(total: number, readerCount: number, port: number) {
  const { target, drop } = await freshDatabase("sqlite", "sigkill");
  const db = await prepare(target);
  let server = await startServer(target.url, port);
  try {
    const cookies = await readers(db, server.url, readerCount);
    const post = await firstPost(db);
    const submissions = await burst(server.url, cookies, total, post, async (done) => {
      while (done() < total * 0.3) await new Promise((resolve) => setTimeout(resolve, 2));
      server.process.kill("SIGKILL");
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    server = await startServer(target.url, port);
    const stored = await storedKeys(db, submissions.map((submission) => submission.key));
    const acknowledged = submissions.filter((submission) => submission.acknowledged);
    const lost = acknowledged.filter((submission) => !stored.has(submission.key)).length;
    const sqlite = new Sqlite(target.provider === "sqlite" ? target.file : "", { readonly: true });
    const integrity = (sqlite.pragma("integrity_check", { simple: true }) as string) ?? "unknown";
    sqlite.close();
    const after = await fetch(`${server.url}/posts/${post.slug}`);
    record(
      `server killed with SIGKILL mid-load, then restarted (${total} submissions)`,
      "sqlite",
      { acknowledged: acknowledged.length, "acknowledged and stored": acknowledged.length - lost, "stored in all": stored.size, integrity, "page after restart": after.status },
      [...(lost ? [`${lost} acknowledged submissions were lost`] : []), ...(integrity !== "ok" ? [`integrity_check: ${integrity}`] : []), ...(after.status !== 200 ? ["the restarted app did not serve"] : [])],
    );
  } finally {
    await server.stop();
    await db.$disconnect();
    await drop();
  }
}

/**
 * SIGTERM while readers submit: the server stops taking connections, finishes what it started and
 * exits cleanly; every acknowledged comment is stored and no answer is a 5xx. Its log is one JSON
 * object a line, with a request id on every request, and names no reader's cookie, address or
 * link token.
 */
async function drainScenario(provider: "sqlite" | "postgresql", total: number, readerCount: number, port: number) {
  const { target, drop } = await freshDatabase(provider, "drain");
  const db = await prepare(target);
  const server = await startServer(target.url, port, { keepOutput: true });
  try {
    const cookies = await readers(db, server.url, readerCount);
    const emails = (await db.user.findMany({ select: { email: true } })).map((user) => user.email);
    const post = await firstPost(db);
    const linkToken = `link-token-${randomBytes(6).toString("hex")}`;
    await fetch(`${server.url}/unsubscribe?token=${linkToken}`, { headers: { Cookie: cookies[0]! } });
    const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
    const submissions = await burst(server.url, cookies, total, post, async (done) => {
      while (done() < total * 0.3) await new Promise((resolve) => setTimeout(resolve, 2));
      server.process.kill("SIGTERM");
    });
    const code = await Promise.race([exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 15_000))]);
    const stored = await storedKeys(db, submissions.map((submission) => submission.key));
    const acknowledged = submissions.filter((submission) => submission.acknowledged);
    const lost = acknowledged.filter((submission) => !stored.has(submission.key)).length;
    const fiveHundreds = submissions.filter((submission) => typeof submission.status === "number" && submission.status >= 500).length;
    const lines = server.output().split("\n").filter((line) => line.startsWith("{"));
    const entries = lines.map((line) => JSON.parse(line) as { msg?: string; reqId?: string; status?: number; route?: string });
    const requests = entries.filter((entry) => entry.msg === "request");
    const secrets = [...cookies.map((cookie) => cookie.split("=")[1]!), ...emails, linkToken];
    const leaked = secrets.filter((secret) => lines.some((line) => line.includes(secret))).length;
    record(
      `SIGTERM while ${total} submissions arrive`,
      provider,
      { acknowledged: acknowledged.length, lost, "5xx": fiveHundreds, "exit code": String(code), "request lines": requests.length, "secrets in the log": leaked },
      [
        ...(lost ? [`${lost} acknowledged submissions were lost`] : []),
        ...(fiveHundreds ? [`${fiveHundreds} responses were 5xx`] : []),
        ...(code !== 0 ? [`the server did not exit cleanly (${code})`] : []),
        ...(acknowledged.length === 0 ? ["no submission was acknowledged before the server stopped"] : []),
        ...(requests.length === 0 || requests.some((entry) => !entry.reqId || !entry.status || !entry.route) ? ["request lines lack an id, a status or a route"] : []),
        ...(!entries.some((entry) => entry.msg?.startsWith("Draining")) || !entries.some((entry) => entry.msg === "Stopped") ? ["the log does not show the drain"] : []),
        ...(leaked ? [`${leaked} cookies, addresses or tokens appear in the log`] : []),
      ],
    );
  } finally {
    await server.stop();
    await db.$disconnect();
    await drop();
  }
}

async function databaseDownScenario(port: number) {
  const name = `vetted_load_down_${randomBytes(4).toString("hex")}`;
  const url = withDatabaseName(postgresAdminUrl, name);
  // The app starts while its database does not exist yet: that is the outage.
  const server = await startServer(url, port);
  let db: Database | null = null;
  try {
    // What a reader sees: the error page is drawn in the browser, so ask a browser.
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const down = (await page.goto(`${server.url}/posts/mri-in-follow-up-of-sciatica`))!;
    await page.getByText("Please try again in a moment.").waitFor({ timeout: 10_000 }).catch(() => undefined);
    const downText = await page.locator("body").innerText();
    await browser.close();
    await adminQuery(`CREATE DATABASE "${name}"`);
    db = await prepare(resolveDatabase(url));
    let upStatus = 0;
    let upText = "";
    for (let attempt = 0; attempt < 20 && upStatus !== 200; attempt++) {
      const up = await fetch(`${server.url}/posts/mri-in-follow-up-of-sciatica`);
      upStatus = up.status;
      upText = await up.text();
      if (upStatus !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const showsTryAgain = downText.includes("Please try again in a moment.");
    const leaksStack = /at \w+ \(|node_modules|PrismaClient|ECONNREFUSED|does not exist/.test(downText);
    record(
      "database unreachable, then back",
      "postgresql",
      { "status while down": down.status(), "says try again": String(showsTryAgain), "stack trace shown": String(leaksStack), "status when back": upStatus },
      [...(!showsTryAgain ? ["the outage page does not say to try again"] : []), ...(leaksStack ? ["the outage page shows internals"] : []), ...(upStatus !== 200 || !upText.includes("MRI in Follow-up") ? ["the app did not serve again"] : [])],
    );
  } finally {
    await server.stop();
    await db?.$disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function main() {
  const { values } = parseArgs({ options: { size: { type: "string", default: "full" }, db: { type: "string", default: "both" }, json: { type: "string" }, only: { type: "string" } } });
  const full = values.size !== "small";
  const total = full ? 500 : 200;
  const readerCount = full ? 50 : 20;
  const providers = values.db === "both" ? (["sqlite", "postgresql"] as const) : ([values.db as "sqlite" | "postgresql"] as const);
  buildIfNeeded();

  // Each scenario stands alone: one that fails to run is recorded as failed and the rest go on.
  const attempt = async (scenario: string, database: string, run: (port: number) => Promise<void>) => {
    if (values.only && !scenario.toLowerCase().includes(values.only.toLowerCase())) return;
    try {
      await run(await freePort());
    } catch (error) {
      record(scenario, database, {}, [`could not run: ${(error as Error).message.split("\n")[0]}`]);
    }
  };
  for (const provider of providers) {
    await attempt("submission burst", provider, (port) => loadScenario(provider, total, readerCount, port));
    await attempt("opposite decisions at once", provider, (port) => decisionRaceScenario(provider, full ? 100 : 50, port));
    await attempt("SIGTERM under load", provider, (port) => drainScenario(provider, total, readerCount, port));
    if (provider === "postgresql") {
      await attempt("two instances on one database and Redis", provider, async () => {
        const { figures, problems } = await twoInstancesScenario();
        record("two instances on one PostgreSQL database and one Redis", provider, figures, problems);
      });
      await attempt("rolling restart behind nginx", provider, async () => {
        const { figures, problems } = await rollingRestartScenario(full ? 20 : 10);
        record("rolling restart of two instances behind nginx, under load", provider, figures, problems);
      });
      await attempt("connections killed mid-load", provider, (port) => killedConnectionsScenario(total, readerCount, port));
      await attempt("database unreachable, then back", provider, (port) => databaseDownScenario(port));
    } else {
      await attempt("SIGKILL mid-load", provider, (port) => sigkillScenario(total, readerCount, port));
    }
  }
  const passed = results.filter((result) => result.ok).length;
  const slow = results.filter((result) => result.ok && result.slow.length).length;
  if (slow) console.log(`${slow} scenario${slow === 1 ? "" : "s"} passed on a machine too busy to keep up (see "slow" above)`);
  console.log(`${passed} passed, ${results.length - passed} failed`);
  if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
  process.exitCode = passed === results.length ? 0 : 1;
}

main().catch((error: Error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
