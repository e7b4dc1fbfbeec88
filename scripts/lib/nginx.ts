/**
 * nginx in front of the test's instances, with the configuration the site ships
 * (deploy/nginx.conf): only the port it listens on and the instances' ports are changed.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./root";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

export type Nginx = { url: string; accessLog: () => string; stop: () => Promise<void> };

export function nginxConfig(listenPort: number, instancePorts: number[]): string {
  const shipped = readFileSync(path.join(root, "deploy", "nginx.conf"), "utf8");
  const servers = /^(\s*)server 127\.0\.0\.1:\d+ max_fails=0;\n(?:\s*server 127\.0\.0\.1:\d+ max_fails=0;\n)*/m;
  if (!servers.test(shipped) || !/^\s*listen 80;$/m.test(shipped)) throw new Error("deploy/nginx.conf no longer has the lines the test changes");
  return shipped
    .replace(servers, (_, indent: string) => instancePorts.map((port) => `${indent}server 127.0.0.1:${port} max_fails=0;\n`).join(""))
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${listenPort};`);
}

export async function startNginx(listenPort: number, instancePorts: number[]): Promise<Nginx> {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "vetted-nginx-"));
  for (const dir of ["logs", "cache"]) mkdirSync(path.join(prefix, dir));
  writeFileSync(path.join(prefix, "nginx.conf"), nginxConfig(listenPort, instancePorts));
  const child = spawn(NGINX, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const url = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr.trim()}`);
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer: ${stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    accessLog: () => readFileSync(path.join(prefix, "logs", "access.log"), "utf8"),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGQUIT");
        await new Promise((resolve) => child.once("exit", resolve));
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
