/**
 * The bus between instances over a real Redis that is down when the instance starts and comes up
 * later: the instance must hear the others once it is back (and say it did not before).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { Redis } from "ioredis";
import { afterAll, expect, it } from "vitest";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const port = await freePort();
const prefix = `vetted-bus-test-${randomBytes(4).toString("hex")}:`;
process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
process.env.REDIS_PREFIX = prefix;
const { hearsInstances, joinInstances, listen } = await import("@/app/_lib/operations/bus");
const { runShutdownHooks } = await import("@/app/_lib/operations/shutdown");

let redisServer: ChildProcess | undefined;
afterAll(async () => {
  await runShutdownHooks();
  redisServer?.kill("SIGTERM");
});

it("an instance started while Redis is down hears the others once Redis is back", { timeout: 30_000 }, async () => {
  const heard: unknown[] = [];
  listen((message) => heard.push(message));
  joinInstances();
  await sleep(1_500);
  expect(hearsInstances()).toBe(false);

  redisServer = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const deadline = Date.now() + 15_000;
  while (hearsInstances() !== true && Date.now() < deadline) await sleep(100);
  expect(hearsInstances()).toBe(true);

  const other = new Redis(`redis://127.0.0.1:${port}`);
  const receivers = await other.publish(`${prefix}bus`, JSON.stringify({ origin: "another-instance", message: { kind: "pages", tags: ["post:a"] } }));
  await other.publish(`${prefix}bus`, "not json at all");
  await sleep(300);
  other.disconnect();
  expect(receivers).toBe(1);
  expect(heard).toEqual([{ kind: "pages", tags: ["post:a"] }]);
});
