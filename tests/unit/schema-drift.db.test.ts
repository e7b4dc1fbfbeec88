import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@/prisma/migrate";
import { schemaFor } from "@/prisma/generate-schemas";
import { describeSchema, executeSql } from "../support/describe-schema";
import { createEmptyDatabase, testProvider } from "../support/test-database";

const root = path.resolve(__dirname, "../..");
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(drops.map((drop) => drop()));
});

describe("one source of truth for the models", () => {
  it("both committed Prisma schemas are generated from prisma/models.prisma", () => {
    const models = readFileSync(path.join(root, "prisma/models.prisma"), "utf8");
    for (const provider of ["sqlite", "postgresql"] as const) {
      expect(readFileSync(path.join(root, `prisma/${provider}/schema.prisma`), "utf8"), `prisma/${provider}/schema.prisma`).toBe(
        schemaFor(provider, models),
      );
    }
  });

  it(`the committed ${testProvider} migrations build exactly the schema Prisma derives from the models`, async () => {
    const migrated = await createEmptyDatabase();
    const fromModels = await createEmptyDatabase();
    drops.push(migrated.drop, fromModels.drop);

    await migrate(migrated.target);
    const sql = execFileSync(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/prisma.ts", "migrate", "diff", "--from-empty", "--to-schema-datamodel", `prisma/${testProvider}/schema.prisma`, "--script"],
      { cwd: root, env: { ...process.env, DATABASE_URL: fromModels.target.url }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    await executeSql(fromModels.target, sql);

    expect(await describeSchema(migrated.target)).toEqual(await describeSchema(fromModels.target));
  }, 60_000);
});
