/**
 * Writes one Prisma schema per database from prisma/models.prisma, so the models have a single
 * source of truth. With --check it writes nothing and fails when a committed schema has drifted.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const providers = ["sqlite", "postgresql"] as const;
const prismaDir = path.dirname(new URL(import.meta.url).pathname);

export function schemaFor(provider: (typeof providers)[number], models: string): string {
  return `// Generated from prisma/models.prisma by \`npm run prisma:schemas\`. Do not edit.

generator client {
  provider        = "prisma-client"
  output          = "../../generated/${provider}"
  engineType      = "client"
  // PostgreSQL reads a query's relations in the same statement (LATERAL joins) instead of one
  // more round trip per relation; SQLite, in-process, reads them as before.
  previewFeatures = ["relationJoins"]
}

datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

${models.trim()}
`;
}

function main() {
  const check = process.argv.includes("--check");
  const models = readFileSync(path.join(prismaDir, "models.prisma"), "utf8");
  let drifted = false;
  for (const provider of providers) {
    const file = path.join(prismaDir, provider, "schema.prisma");
    const wanted = schemaFor(provider, models);
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // a missing schema counts as drift
    }
    if (current === wanted) continue;
    if (check) {
      console.error(`prisma/${provider}/schema.prisma differs from prisma/models.prisma: run npm run prisma:schemas`);
      drifted = true;
    } else {
      writeFileSync(file, wanted);
      console.log(`wrote prisma/${provider}/schema.prisma`);
    }
  }
  if (drifted) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) main();
