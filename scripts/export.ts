/**
 * Writes everything in the database DATABASE_URL names to one JSON file:
 *   npm run export -- out.json
 * Exit 2 on bad usage or a file that cannot be written.
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
let data: Awaited<ReturnType<typeof exportEverything>>;
try {
  data = await exportEverything(db);
} finally {
  await db.$disconnect();
}
try {
  await writeFile(target, `${JSON.stringify(data, null, 2)}\n`);
} catch (error) {
  const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "its folder does not exist" : (error as Error).message;
  console.error(`Cannot write ${target}: ${reason}.`);
  process.exit(2);
}
console.log(`Exported ${data.posts.length} post(s), ${data.comments.length} comment(s) and ${data.users.length} user(s) to ${target}.`);
