/**
 * What the test run found on this machine, printed before the tests so that a failure on another
 * machine can be read at a glance: the browser, the fonts, the database and cache servers.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { adminQuery, postgresAdminUrl, root } from "./harness";

const redisUrl = new URL(process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

function commandOutput(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 15_000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The version of `name` as the package in `from` finds it (its own copy first): axe-core may be installed twice. */
function packageVersion(name: string, from = root): string {
  for (const dir of [from, root]) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      // not in this folder; try the next
    }
  }
  return "not installed";
}

function systemFonts(): string {
  const families = commandOutput("fc-list", [":", "family"]);
  if (families === null) return "fontconfig not found";
  const names = [...new Set(families.split("\n").map((line) => line.split(",")[0]!.trim()).filter(Boolean))].sort();
  return `${names.length} families (${names.join(", ")}); the pages use the typefaces shipped in app/_fonts`;
}

async function postgresVersion(): Promise<string> {
  try {
    const { rows } = await adminQuery("SHOW server_version");
    return `${(rows[0] as { server_version: string }).server_version} at ${new URL(postgresAdminUrl).host}`;
  } catch (error) {
    return `not reachable at ${new URL(postgresAdminUrl).host} (${(error as Error).message})`;
  }
}

/** Asks the server for INFO over a plain socket: the suite needs no Redis client to say this. */
function redisVersion(): Promise<string> {
  const where = `${redisUrl.hostname}:${redisUrl.port || 6379}`;
  return new Promise((resolve) => {
    const socket = net.connect({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    let reply = "";
    const finish = (text: string) => {
      socket.destroy();
      resolve(text);
    };
    socket.setTimeout(3000, () => finish(`no answer at ${where}`));
    socket.on("error", (error) => finish(`not reachable at ${where} (${error.message})`));
    socket.on("connect", () => socket.write("INFO server\r\n"));
    socket.on("data", (chunk) => {
      reply += String(chunk);
      const version = /redis_version:([^\r\n]+)/.exec(reply);
      if (version) finish(`${version[1]} at ${where}`);
      else if (reply.startsWith("-")) finish(`answered ${reply.split("\r\n")[0]} at ${where}`);
    });
  });
}

export async function describeEnvironment(chromiumPath: string): Promise<string[]> {
  const debian = (() => {
    try {
      return `Debian ${readFileSync("/etc/debian_version", "utf8").trim()}`;
    } catch {
      return "not Debian";
    }
  })();
  return [
    `System:      ${debian}, ${process.platform} ${process.arch}`,
    `Node:        ${process.version}, npm ${commandOutput("npm", ["--version"]) ?? "unknown"}`,
    `Chromium:    ${commandOutput(chromiumPath, ["--version"]) ?? `not found at ${chromiumPath}`}`,
    `Playwright:  ${packageVersion("@playwright/test")}, @axe-core/playwright ${packageVersion("@axe-core/playwright")} with axe-core ${packageVersion("axe-core", path.join(root, "node_modules", "@axe-core", "playwright"))}`,
    `Fonts:       ${systemFonts()}`,
    `PostgreSQL:  ${await postgresVersion()}`,
    `Redis:       ${await redisVersion()}`,
  ];
}
