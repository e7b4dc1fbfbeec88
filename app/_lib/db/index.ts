import "server-only";
import { createDatabase, type Database } from "./client";

// One client per process: Next's dev server reloads modules, and a new client per reload would
// leak connections.
const globalForDb = globalThis as unknown as { vettedDb?: Database };

export const db: Database = globalForDb.vettedDb ?? createDatabase();
if (process.env.NODE_ENV !== "production") globalForDb.vettedDb = db;

export type { Database } from "./client";
