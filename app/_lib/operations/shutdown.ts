/**
 * What must be closed when the server stops (database pools, Redis), registered by whoever opened
 * it. The server's own modules and the app's bundle share one list through globalThis.
 */
type Hook = { name: string; close: () => Promise<unknown> };

const KEY = Symbol.for("vetted.shutdownHooks");
const store = globalThis as unknown as Record<typeof KEY, Hook[] | undefined>;

export function onShutdown(name: string, close: () => Promise<unknown>): void {
  (store[KEY] ??= []).push({ name, close });
}

/** Closes everything registered, each at most once, all at once; returns the names that failed. */
export async function runShutdownHooks(): Promise<string[]> {
  const hooks = (store[KEY] ?? []).splice(0);
  const results = await Promise.allSettled(hooks.map((hook) => hook.close()));
  return hooks.filter((_, index) => results[index]!.status === "rejected").map((hook) => hook.name);
}

const DRAIN_KEY = Symbol.for("vetted.drainHooks");
const drainStore = globalThis as unknown as Record<typeof DRAIN_KEY, Set<() => void> | undefined>;

/**
 * What holds a connection open indefinitely (a live event stream) ends when the server starts
 * draining, so the drain is not held up by it; its browser reconnects to another instance.
 * Returns the function that takes the hook back.
 */
export function onDrain(end: () => void): () => void {
  const hooks = (drainStore[DRAIN_KEY] ??= new Set());
  hooks.add(end);
  return () => hooks.delete(end);
}

export function runDrainHooks(): void {
  for (const end of [...(drainStore[DRAIN_KEY] ?? [])]) end();
}
