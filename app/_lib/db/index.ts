import "server-only";
import { onShutdown } from "@/app/_lib/operations/shutdown";
import { createDatabase, type Database } from "./client";

// One client per process: Next's dev server reloads modules, and a new client per reload would
// leak connections.
const globalForDb = globalThis as unknown as { vettedDb?: Database };

const existing = globalForDb.vettedDb;
export const db: Database = existing ?? createDatabase();
if (process.env.NODE_ENV !== "production") globalForDb.vettedDb = db;
if (!existing) onShutdown("database", () => db.$disconnect());

export type { Database } from "./client";
