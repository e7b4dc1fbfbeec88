import { listen, publish } from "./operations/bus";

/**
 * A value read from the database that nearly every request needs and that changes rarely (the
 * site's settings, the terms in force), kept in memory for a few seconds instead of being read
 * on every request. Whatever changes it calls `forget()`, so this instance sees the change at
 * once; with `sharedAs`, other instances are told through Redis too, and without Redis see it
 * within the time given.
 */
export type ShortLived<T> = { (): Promise<T>; forget(): void };

export function shortLived<T>(keepMs: number, load: () => Promise<T>, { sharedAs }: { sharedAs?: string } = {}): ShortLived<T> {
  let entry: { value: Promise<T>; until: number } | undefined;
  const read = () => {
    const now = Date.now();
    if (!entry || now >= entry.until) {
      const value = load();
      const current = { value, until: now + keepMs };
      entry = current;
      // A failed read is not kept: the next request tries again.
      value.catch(() => {
        if (entry === current) entry = undefined;
      });
    }
    return entry.value;
  };
  if (sharedAs) {
    listen((message) => {
      if (message.kind === "forget" && message.name === sharedAs) entry = undefined;
    });
  }
  return Object.assign(read, {
    forget() {
      entry = undefined;
      if (sharedAs) publish({ kind: "forget", name: sharedAs });
    },
  });
}
