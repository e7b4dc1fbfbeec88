import "server-only";
import { db } from "@/app/_lib/db";
import { providerOf, type Transaction } from "./client";

/**
 * Serialises every transaction that takes the same named lock, until it ends. SQLite transactions
 * here already hold the database's write lock from BEGIN (see client.ts); PostgreSQL takes a
 * transaction-scoped advisory lock named by the key.
 */
export async function lockFor(tx: Transaction, key: string): Promise<void> {
  if (providerOf(db) === "postgresql") await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}
