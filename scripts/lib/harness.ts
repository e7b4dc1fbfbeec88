/**
 * What the load test and the benchmark share: fresh databases, the production server, and
 * talking to it as a browser would (signing in, calling server actions).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { createDatabase, type Database } from "../../app/_lib/db/client";
import { resolveDatabase, withDatabaseName, type DatabaseTarget } from "../../app/_lib/db/url";
import { migrate } from "../../prisma/migrate";
import { seed } from "../../prisma/seed/index";
import { serverProcessEnv } from "./server-env";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const PASSWORD = "load test password";

/** Builds when the sources changed (npm start's own check), against a throwaway database. */
export function buildIfNeeded() {
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", "--prepare"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: `file:${path.join(root, "tests", ".output", "harness-build.db")}` },
  });
  if (build.status !== 0) throw new Error("The build failed");
}

export async function adminQuery(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(provider: "sqlite" | "postgresql", label: string): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  const name = `vetted_load_${label}_${randomBytes(4).toString("hex")}`;
  if (provider === "postgresql") {
    await adminQuery(`CREATE DATABASE "${name}"`);
    return { target: resolveDatabase(withDatabaseName(postgresAdminUrl, name)), drop: async () => void (await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
  }
  const dir = path.join(root, "tests", ".output");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.db`);
  return { target: resolveDatabase(`file:${file}`), drop: async () => ["", "-wal", "-shm"].forEach((suffix) => rmSync(`${file}${suffix}`, { force: true })) };
}

export async function prepare(target: DatabaseTarget): Promise<Database> {
  await migrate(target);
  const db = createDatabase(target);
  await seed(db);
  // Flood control and the duplicate window would refuse a reader's tenth comment in a second;
  // this measures storage, so both are off in the load database.
  for (const [key, value] of [["commentIntervalSeconds", "0"], ["duplicateWindowMinutes", "0"]] as const) {
    await db.setting.upsert({ where: { key }, update: { value }, create: { key, value } });
  }
  return db;
}

export type Server = { url: string; process: ChildProcess; stop: () => Promise<void> };

/** `nodeOptions`: extra flags for the server's node, e.g. `--cpu-prof` for the benchmark's profile. */
export async function startServer(databaseUrl: string, port: number, { nodeOptions = [] }: { nodeOptions?: string[] } = {}): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  // One process (no tsx wrapper), so the SIGKILL scenario kills the server itself.
  const child = spawn(process.execPath, [...nodeOptions, "--import", "tsx", path.join(root, "scripts/serve.ts")], {
    cwd: root,
    // The load generator stands in for a reverse proxy on loopback: the addresses it forwards count.
    env: { ...serverProcessEnv(), DATABASE_URL: databaseUrl, PORT: String(port), NEXTAUTH_URL: url, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "load-test-secret", NEXT_TELEMETRY_DISABLED: "1", TRUSTED_PROXIES: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  // Kept for reading after a run: what the server said, one file per port.
  const log = path.join(root, "tests", ".output", `server-${port}.log`);
  mkdirSync(path.dirname(log), { recursive: true });
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
    appendFileSync(log, chunk);
  });
  child.stdout?.on("data", (chunk) => appendFileSync(log, chunk));
  child.on("exit", (code, signal) => appendFileSync(log, `\n[harness] server exited: code ${code}, signal ${signal}\n`));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/terms`);
      if (response.status < 500 || response.status === 500) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (child.exitCode !== null) throw new Error(`The server exited: ${stderr}`);
  }
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
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

export async function signIn(url: string, email: string): Promise<string> {
  const csrf = await fetchOnce(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie, "X-Forwarded-For": `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Could not sign in ${email}`);
  return session.split(";")[0]!;
}


export type Submission = { key: string; status: number | "network error"; acknowledged: boolean; refusedWithMessage: boolean; message?: string };

/** Submits the comment form as React would: the fields under `_1_`, the arguments last. */
export async function submitComment(url: string, cookie: string, postId: string, termsVersion: number, id: string, slug: string): Promise<Submission> {
  const key = randomUUID();
  const form = new FormData();
  for (const [field, value] of Object.entries({ postId, body: `Load comment ${key}`, acceptTerms: "on", termsVersion: String(termsVersion), submissionKey: key })) form.append(`_1_${field}`, value);
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


/** A port nothing listens on now (other services on this machine own the usual ones). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
