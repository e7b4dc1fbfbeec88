/**
 * What the load test and the benchmark share: fresh databases, the production server, and
 * talking to it as a browser would (signing in, calling server actions).
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createDatabase, type Database } from "../../app/_lib/db/client";
import type { DatabaseTarget } from "../../app/_lib/db/url";
import { migrate } from "../../prisma/migrate";
import { seed } from "../../prisma/seed/index";
import { root } from "./root";

export { root };
export { adminQuery, freshDatabase, postgresAdminUrl } from "./fresh-database";
export { freePort, startServer, type Server } from "./server";

export const PASSWORD = "load test password";

/**
 * Builds when the sources changed (npm start's own check), against a throwaway database of this
 * process's own: npm test runs two load tests side by side, and one seeding the other's database
 * hit its unique terms version.
 */
export function buildIfNeeded() {
  const database = path.join(root, "tests", ".output", `harness-build-${process.pid}.db`);
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", "--prepare"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: `file:${database}` },
  });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${database}${suffix}`, { force: true });
  if (build.status !== 0) throw new Error("The build failed");
}

export async function prepare(target: DatabaseTarget): Promise<Database> {
  await migrate(target);
  const db = createDatabase(target);
  await seed(db);
  // Flood control, the duplicate window and the least time to write a comment would refuse or
  // file as a bot's a reader's tenth comment in a second; this measures storage, so all are off in
  // the load database.
  for (const [key, value] of [["commentIntervalSeconds", "0"], ["duplicateWindowMinutes", "0"], ["minSecondsToComment", "0"]] as const) {
    await db.setting.upsert({ where: { key }, update: { value }, create: { key, value } });
  }
  return db;
}


export function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string; filename: string }> };
  const entry = Object.entries(manifest.node).find(([, value]) => value.exportedName === exportedName);
  if (!entry) throw new Error(`No server action ${exportedName}`);
  return entry[0];
}

/**
 * A fetch that tries once more when a pooled keep-alive connection turned out closed by the
 * server meanwhile (it closes idle ones after a few seconds, e.g. while a benchmark seeds).
 */
export async function fetchOnce(input: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch {
    return fetch(input, init);
  }
}

/** Signs in through NextAuth's credentials route; the session cookie, or null when refused. */
export async function trySignIn(url: string, email: string, { password = PASSWORD, address }: { password?: string; address?: string } = {}): Promise<string | null> {
  const csrf = await fetchOnce(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: csrfCookie,
      "X-Forwarded-For": address ?? `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  return session ? session.split(";")[0]! : null;
}

export async function signIn(url: string, email: string): Promise<string> {
  const session = await trySignIn(url, email);
  if (!session) throw new Error(`Could not sign in ${email}`);
  return session;
}

export type Submission = { key: string; status: number | "network error"; acknowledged: boolean; refusedWithMessage: boolean; message?: string };

const formTokens = new Map<string, Promise<string>>();

/**
 * The signed form timestamp the post page draws for this reader, read once per reader and post as
 * a browser would see it (without it a submission is filed as a bot's). Any instance's page will do:
 * they share the site's secret.
 */
function formTokenFor(url: string, cookie: string, slug: string): Promise<string> {
  const known = formTokens.get(`${cookie} ${slug}`);
  if (known) return known;
  const token = fetchOnce(`${url}/posts/${slug}`, { headers: { Cookie: cookie } })
    .then((response) => response.text())
    .then((html) => /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? "");
  formTokens.set(`${cookie} ${slug}`, token);
  // A failed read (the server restarting) is tried again by the next submission.
  void token.then((value) => (value ? undefined : formTokens.delete(`${cookie} ${slug}`)), () => formTokens.delete(`${cookie} ${slug}`));
  return token;
}

/**
 * Every reader's comment form, drawn before a measurement starts: a reader has the post open long
 * before pressing Post, so drawing the page is not part of a submission's time.
 */
export async function openCommentForms(url: string, cookies: string[], slug: string, atOnce = 4): Promise<void> {
  const waiting = [...cookies];
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      for (let cookie = waiting.shift(); cookie !== undefined; cookie = waiting.shift()) await formTokenFor(url, cookie, slug);
    }),
  );
}

/** Submits the comment form as React would: the fields under `_1_`, the arguments last. */
export async function submitComment(url: string, cookie: string, postId: string, termsVersion: number, id: string, slug: string): Promise<Submission> {
  const key = randomUUID();
  const form = new FormData();
  let formToken = "";
  try {
    formToken = await formTokenFor(url, cookie, slug);
  } catch {
    // Counted below like any submission the server could not take.
  }
  for (const [field, value] of Object.entries({ postId, body: `Load comment ${key}`, acceptTerms: "on", termsVersion: String(termsVersion), submissionKey: key, formToken })) form.append(`_1_${field}`, value);
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  try {
    const response = await fetch(`${url}/posts/${slug}`, { method: "POST", headers: { "Next-Action": id, Origin: url, Cookie: cookie, Accept: "text/x-component" }, body: form });
    const text = await response.text();
    const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
    return { key, status: response.status, acknowledged: response.status === 200 && text.includes('"status":"success"'), refusedWithMessage: text.includes('"status":"error"') && message !== undefined, message };
  } catch {
    return { key, status: "network error", acknowledged: false, refusedWithMessage: false };
  }
}


