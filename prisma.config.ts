import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI is used for generating clients and writing migrations; the schema is picked
// from DATABASE_URL the same way the app picks its database (app/_lib/db/url.ts).
const url = process.env.DATABASE_URL ?? "file:./data/vetted.db";
const dir = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";

export default defineConfig({
  schema: path.join("prisma", dir, "schema.prisma"),
  migrations: { path: path.join("prisma", dir, "migrations") },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    if (dir === "postgresql") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
});
