import { resolveDatabase } from "./url";

/**
 * A "contains" filter that ignores case on both databases: PostgreSQL compares text
 * case-sensitively unless asked; SQLite's LIKE already ignores ASCII case (and rejects the option).
 */
export function containsIgnoringCase(value: string): { contains: string } {
  return (resolveDatabase().provider === "postgresql" ? { contains: value, mode: "insensitive" } : { contains: value }) as { contains: string };
}
