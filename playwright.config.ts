import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/browser";
import { E2E_METRICS_TOKEN } from "./tests/e2e/support/operations";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// The harness (npm test) points this at a fresh database per run; run alone, a new local file is
// used each time (workers and the web server inherit the value set here by the main process).
process.env.E2E_DATABASE_URL ??= `file:./tests/.output/e2e-${Date.now()}.db`;

const LONG_JOURNEYS = /(wordpress-move|accessibility|two-factor)\.spec\.ts/;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  // Bounds for a stuck test, not speed targets: the longest journeys (eight axe runs, several
  // readers signing in with Argon2 hashes) take 20 s alone, twice that beside a second worker on
  // a 2-core machine, and three times that when the machine is shared with other work.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    // The browser's own user agent (not an emulated desktop Chrome's): a laptop-sized window.
    viewport: { width: 1280, height: 720 },
    // Recording a trace costs every test a sixth of its time; CI's log is all anyone reads there.
    trace: process.env.CI ? "off" : "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    // The longest journeys are handed out first: started last, one of them kept a single worker
    // busy for half a minute after the other had run out of tests.
    { name: "long", testMatch: LONG_JOURNEYS },
    { name: "chromium", testIgnore: [/(site-wide|alone)\//, LONG_JOURNEYS] },
    // Tests that change what every page shows (site settings) run after the rest.
    { name: "site-wide", testMatch: /site-wide\/.*\.spec\.ts/, dependencies: ["long", "chromium"] },
    // What every other journey meets (new terms, which the settings journeys' comments would then
    // have to accept again; a setting that files comments as a bot's; staff powers taken from
    // accounts without two-factor) changes one test at a time, after the rest.
    { name: "alone", testMatch: /alone\/.*\.spec\.ts/, dependencies: ["site-wide"], workers: 1 },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs scripts/start.ts",
    url: `${baseURL}/terms`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    // Tests stand in for a reverse proxy on 127.0.0.1, so the addresses they forward count; a
    // client on ::1 is a direct client whose X-Forwarded-For counts for nothing (rate-limits.spec).
    // Journeys type and post at machine speed, so the least time between drawing the comment form
    // and posting it starts at 0 here; the comment-timing journey sets it as an admin would.
    env: { PORT: String(port), DATABASE_URL: process.env.E2E_DATABASE_URL, NEXTAUTH_URL: baseURL, TRUSTED_PROXIES: "127.0.0.1", METRICS_TOKEN: E2E_METRICS_TOKEN, COMMENT_MIN_SECONDS: "0" },
  },
});
