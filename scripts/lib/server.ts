/** The production server as the harness and end-to-end tests start it, on a port of their choosing. */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, closeSync, mkdirSync, openSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { root } from "./root";
import { serverNodeFlags, serverProcessEnv } from "./server-env";

export type Server = { url: string; process: ChildProcess; stop: () => Promise<void>; output: () => string };

/**
 * `nodeOptions`: extra flags for the server's node, e.g. `--cpu-prof` for the benchmark's profile;
 * `env`: variables the server gets on top of the harness's own; `keepOutput`: keep what the server
 * printed for `output()` (its log lines), which a benchmark's millions of requests would not want.
 */
export async function startServer(
  databaseUrl: string,
  port: number,
  { nodeOptions = [], env = {}, keepOutput = false }: { nodeOptions?: string[]; env?: Record<string, string>; keepOutput?: boolean } = {},
): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  // Kept for reading after a run: what the server said, one file per port.
  const log = path.join(root, "tests", ".output", `server-${port}.log`);
  mkdirSync(path.dirname(log), { recursive: true });
  // Unless its lines are wanted here, the server writes its log straight into the file: passed
  // through this process, a benchmark's log lines would cost the load generator's CPU.
  const logFile = keepOutput ? null : openSync(log, "a");
  // One process (no tsx wrapper), so the SIGKILL scenario kills the server itself.
  const child = spawn(process.execPath, [...serverNodeFlags(), ...nodeOptions, "--import", "tsx", path.join(root, "scripts/serve.ts")], {
    cwd: root,
    // The load generator stands in for a reverse proxy on loopback: the addresses it forwards count.
    env: { ...serverProcessEnv(), DATABASE_URL: databaseUrl, PORT: String(port), NEXTAUTH_URL: url, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "load-test-secret", NEXT_TELEMETRY_DISABLED: "1", TRUSTED_PROXIES: "127.0.0.1", ...env },
    stdio: ["ignore", logFile ?? "pipe", "pipe"],
  });
  if (logFile !== null) closeSync(logFile);
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
    appendFileSync(log, chunk);
  });
  child.stdout?.on("data", (chunk) => {
    stdout += String(chunk);
    appendFileSync(log, chunk);
  });
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
    output: () => stdout,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
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
