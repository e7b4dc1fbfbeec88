/**
 * A value read from the database that nearly every request needs and that changes rarely (the
 * site's settings, the terms in force), kept in memory for a few seconds instead of being read
 * on every request. Whatever changes it calls `forget()`, so this instance sees the change at
 * once; other instances see it within the time given.
 */
export type ShortLived<T> = { (): Promise<T>; forget(): void };

export function shortLived<T>(keepMs: number, load: () => Promise<T>): ShortLived<T> {
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
  return Object.assign(read, {
    forget() {
      entry = undefined;
    },
  });
}
