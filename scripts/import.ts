/**
 * Imports posts and comments from another system into the database DATABASE_URL names
 * (migrating it first):
 *   npm run import -- --wordpress export.xml [--dry-run]
 *   npm run import -- --disqus export.xml [--dry-run]
 * What the site already holds is recognised and left alone, so importing the same file again, or
 * a post whose responses were seeded, adds nothing. `--dry-run` prints the same summary and writes
 * nothing. Exit 2 on bad usage or an unreadable file.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { createDatabase, providerOf } from "../app/_lib/db/client";
import { parseDisqusExport } from "../app/_lib/transfer/disqus";
import { importBundle } from "../app/_lib/transfer/store";
import { describeImport } from "../app/_lib/transfer/summary";
import { parseWordpressExport } from "../app/_lib/transfer/wordpress";
import { ImportFormatError } from "../app/_lib/transfer/xml";
import { migrate } from "../prisma/migrate";

const USAGE = "Usage: npm run import -- --wordpress <export.xml> | --disqus <export.xml> [--dry-run]";

nextEnv.loadEnvConfig(process.cwd());
function readArguments() {
  try {
    return parseArgs({ options: { wordpress: { type: "string" }, disqus: { type: "string" }, "dry-run": { type: "boolean" } }, strict: true }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const values = readArguments();
const dryRun = values["dry-run"] ?? false;
const file = values.wordpress ?? values.disqus;
if (!file || (values.wordpress && values.disqus)) {
  console.error(USAGE);
  process.exit(2);
}

let xml: string;
try {
  xml = await readFile(file, "utf8");
} catch {
  console.error(`Cannot read ${file}.`);
  process.exit(2);
}

let bundle;
try {
  bundle = values.wordpress ? parseWordpressExport(xml) : parseDisqusExport(xml);
} catch (error) {
  if (!(error instanceof ImportFormatError)) throw error;
  console.error(error.message);
  process.exit(2);
}

// Guests' addresses are kept as hashes under the site's secret: one made up here would not be the
// server's, and no guest could ever claim their comments.
if (!dryRun && !process.env.NEXTAUTH_SECRET) {
  console.error("NEXTAUTH_SECRET is not set. Imported guests' addresses are kept as hashes under the site's secret: run `npm start` once (it creates one in .env.local), or set NEXTAUTH_SECRET as the server has it.");
  process.exit(2);
}
await migrate();
const db = createDatabase();
try {
  const result = await importBundle(db, bundle, { dryRun });
  // PostgreSQL plans rows just loaded as an empty table's until autovacuum comes by; gathered
  // now, the first readers get a settled site's plans.
  if (!dryRun && providerOf(db) === "postgresql") await db.$executeRawUnsafe("ANALYZE");
  console.log(describeImport(bundle.source, result));
} finally {
  await db.$disconnect();
}
