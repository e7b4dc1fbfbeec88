/**
 * Imports comments from another system into the database DATABASE_URL names (migrating it first):
 *   npm run import -- --wordpress export.xml
 *   npm run import -- --disqus export.xml
 * Importing the same file again adds nothing. Exit 2 on bad usage or an unreadable file.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { createDatabase } from "../app/_lib/db/client";
import { parseDisqusExport } from "../app/_lib/transfer/disqus";
import { importBundle } from "../app/_lib/transfer/store";
import { parseWordpressExport } from "../app/_lib/transfer/wordpress";
import { ImportFormatError } from "../app/_lib/transfer/xml";
import { migrate } from "../prisma/migrate";

const USAGE = "Usage: npm run import -- --wordpress <export.xml> | --disqus <export.xml>";

nextEnv.loadEnvConfig(process.cwd());
const { values } = parseArgs({ options: { wordpress: { type: "string" }, disqus: { type: "string" } }, strict: true });
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

await migrate();
const db = createDatabase();
try {
  const report = await importBundle(db, bundle);
  console.log(
    `Imported from ${bundle.source}: ${report.postsCreated} post(s) created, ${report.postsFound} matched existing posts; ` +
      `${report.commentsCreated} comment(s) added, ${report.commentsAlreadyImported} already imported.`,
  );
} finally {
  await db.$disconnect();
}
