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
