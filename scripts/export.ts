/**
 * Writes everything in the database DATABASE_URL names to one JSON file:
 *   npm run export -- out.json
 */
import { writeFile } from "node:fs/promises";
import nextEnv from "@next/env";
import { createDatabase } from "../app/_lib/db/client";
import { exportEverything } from "../app/_lib/transfer/export";

nextEnv.loadEnvConfig(process.cwd());
const target = process.argv[2];
if (!target || target.startsWith("-")) {
  console.error("Usage: npm run export -- <out.json>");
  process.exit(2);
}
const db = createDatabase();
try {
  const data = await exportEverything(db);
  await writeFile(target, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`Exported ${data.posts.length} post(s), ${data.comments.length} comment(s) and ${data.users.length} user(s) to ${target}.`);
} finally {
  await db.$disconnect();
}
