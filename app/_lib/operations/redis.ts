/**
 * Redis, when REDIS_URL is set: what several instances share. Without it one instance works as
 * it always has, everything in its own memory. Keys and channels start with REDIS_PREFIX
 * ("vetted:" unless set), so one Redis can serve several sites, or a test its own namespace.
 * One connection for commands and one for subscriptions per process (a subscribed connection
 * can do nothing else), shared by the server and the app's bundle through globalThis.
 */
import { Redis } from "ioredis";
import { logger } from "./logger";
import { onShutdown } from "./shutdown";

type Connections = { commands: Redis; subscriber: Redis };

const KEY = Symbol.for("vetted.redis");
const store = globalThis as unknown as Record<typeof KEY, Connections | null | undefined>;

export const redisPrefix = (): string => process.env.REDIS_PREFIX ?? "vetted:";

function connect(url: string, role: string): Redis {
  const client = new Redis(url, {
    // A command waits for a reconnection a short while, then fails: a reader's request never
    // hangs on Redis, and what Redis would have told others is made up for by the caches' TTL.
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let down = false;
  client.on("error", (error: Error) => {
    if (!down) logger().warn({ role, error: error.message }, "Redis is unreachable; this instance goes on alone until it is back");
    down = true;
  });
  client.on("ready", () => {
    if (down) logger().info({ role }, "Redis is reachable again");
    down = false;
  });
  return client;
}

/** The connections, made at first use; null when no REDIS_URL is set. */
export function redis(): Connections | null {
  if (store[KEY] !== undefined) return store[KEY];
  const url = process.env.REDIS_URL;
  if (!url) return (store[KEY] = null);
  const connections = { commands: connect(url, "commands"), subscriber: connect(url, "subscriber") };
  store[KEY] = connections;
  onShutdown("redis", async () => {
    await Promise.allSettled([connections.commands.quit(), connections.subscriber.quit()]);
  });
  return connections;
}
