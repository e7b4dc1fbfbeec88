import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      // The app's database is the one each test file creates (tests/support/app-db.ts).
      { find: /^@\/app\/_lib\/db$/, replacement: path.resolve(import.meta.dirname, "tests/support/app-db.ts") },
      { find: "@", replacement: path.resolve(import.meta.dirname) },
      // The data layer is marked server-only for Next; under Vitest it is plain Node.
      { find: "server-only", replacement: path.resolve(import.meta.dirname, "tests/support/server-only.ts") },
    ],
  },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts"],
    testTimeout: 30_000,
    // Unsubscribe links in emails are signed with the session secret.
    env: { NEXTAUTH_SECRET: "unit-tests-only-secret" },
    hookTimeout: 60_000,
    // Database tests create their own databases; two files at a time suit a 2-core machine.
    maxWorkers: 2,
  },
});
