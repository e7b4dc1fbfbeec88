/**
 * Messages between the parts of one instance and, through Redis publish/subscribe when REDIS_URL
 * is set, between instances: "these pages changed", "forget the settings you keep", "a comment
 * arrived or was decided". `publish` tells every listener in this process at once and every
 * other instance a moment later; each instance ignores its own messages when Redis echoes them.
 * Pub/sub keeps nothing for an instance that is briefly disconnected: everything sent here also
 * expires on its own within seconds (page cache TTL, short-lived values), so a missed message
 * costs freshness for a few seconds, never correctness for long.
 */
import { randomUUID } from "node:crypto";
import { logger } from "./logger";
import { redis, redisPrefix } from "./redis";

export type ModerationEvent =
  | { type: "pending"; commentId: string; postId: string; createdAt: string }
  | { type: "decided"; commentIds: string[]; status: string; moderatorId: string };

export type BusMessage = { kind: "pages"; tags?: string[] } | { kind: "forget"; name: string } | { kind: "moderation"; event: ModerationEvent };

type Listener = (message: BusMessage) => void;
type Bus = { origin: string; listeners: Set<Listener>; joining: boolean; listening: boolean };

const KEY = Symbol.for("vetted.bus");
const store = globalThis as unknown as Record<typeof KEY, Bus | undefined>;
const channel = () => `${redisPrefix()}bus`;

function bus(): Bus {
  store[KEY] ??= { origin: randomUUID(), listeners: new Set(), joining: false, listening: false };
  return store[KEY];
}

function deliver(message: BusMessage) {
  for (const listener of bus().listeners) {
    try {
      listener(message);
    } catch (error) {
      logger().error({ err: error, kind: message.kind }, "A bus listener failed");
    }
  }
}

/**
 * Starts hearing other instances (the server calls this at start; without Redis, nothing to do).
 * It subscribes again each time the connection is ready: ioredis renews only subscriptions that
 * once succeeded, so an instance started while Redis was down would otherwise never hear anyone.
 */
export function joinInstances(): void {
  const current = bus();
  const connections = redis();
  if (!connections || current.joining) return;
  current.joining = true;
  const { subscriber } = connections;
  subscriber.on("message", (from: string, raw: string) => {
    if (from !== channel()) return;
    try {
      const { origin, message } = JSON.parse(raw) as { origin: string; message: BusMessage };
      if (origin !== current.origin) deliver(message);
    } catch {
      logger().warn("A malformed message on the instances' channel was ignored");
    }
  });
  const subscribe = () =>
    subscriber.subscribe(channel()).then(
      () => (current.listening = true),
      (error: Error) => logger().warn({ error: error.message }, "Could not subscribe to the instances' channel; trying again when Redis is back"),
    );
  subscriber.on("ready", () => void subscribe());
  subscriber.on("close", () => (current.listening = false));
  if (subscriber.status === "ready") void subscribe();
}

/** Whether this instance hears the others: null when it is not meant to (no Redis, or not joined). */
export function hearsInstances(): boolean | null {
  const current = bus();
  return current.joining ? current.listening : null;
}

export function publish(message: BusMessage): void {
  deliver(message);
  const connections = redis();
  if (!connections) return;
  connections.commands.publish(channel(), JSON.stringify({ origin: bus().origin, message })).catch((error: Error) => {
    logger().warn({ error: error.message, kind: message.kind }, "Other instances could not be told of a change; they catch up when their copies expire");
  });
}

export function listen(listener: Listener): () => void {
  bus().listeners.add(listener);
  return () => bus().listeners.delete(listener);
}
