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
type Drain = { draining: boolean; hooks: Set<() => void> };
const drainStore = globalThis as unknown as Record<typeof DRAIN_KEY, Drain | undefined>;
const drain = (): Drain => (drainStore[DRAIN_KEY] ??= { draining: false, hooks: new Set() });

/**
 * What holds a connection open indefinitely (a live event stream) ends when the server starts
 * draining, so the drain is not held up by it; its browser reconnects to another instance.
 * One opened while the server is already draining ends at once. Returns the function that takes
 * the hook back.
 */
export function onDrain(end: () => void): () => void {
  const current = drain();
  if (current.draining) {
    queueMicrotask(end);
    return () => false;
  }
  current.hooks.add(end);
  return () => current.hooks.delete(end);
}

/** Whether the server has started draining (SIGTERM): it is finishing, not taking new work. */
export const isDraining = (): boolean => drain().draining;

export function runDrainHooks(): void {
  const current = drain();
  current.draining = true;
  for (const end of [...current.hooks]) end();
  current.hooks.clear();
}
