/**
 * Stands in for `@/app/_lib/db` under Vitest (see vitest.config.mts): the app's data layer talks
 * to whichever database the test file chose with `setAppDatabase`, its own fresh one.
 */
import type { Database } from "@/app/_lib/db/client";

let current: Database | undefined;

export function setAppDatabase(database: Database): void {
  current = database;
}

export const db = new Proxy({} as Database, {
  get(_target, property) {
    if (!current) throw new Error("The test must call setAppDatabase() before the app queries.");
    const value: unknown = Reflect.get(current, property, current);
    return typeof value === "function" ? value.bind(current) : value;
  },
});

export type { Database };
