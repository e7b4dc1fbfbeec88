import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { db, uniqueId } from "./support/db";

/** Runs one of the project's command-line tools against the database the site under test uses. */
function cli(script: string, ...args: string[]): string {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
}

/** Runs a command-line tool that should refuse, and returns its exit code and what it printed to stderr. */
function refusedCli(script: string, ...args: string[]): { status: number; stderr: string } | undefined {
  try {
    cli(script, ...args);
  } catch (error) {
    return error as { status: number; stderr: string };
  }
  return undefined;
}

test("a WordPress export imports once, and its published comments appear threaded on the imported post", async ({ page }) => {
  const first = cli("scripts/import.ts", "--wordpress", "tests/fixtures/wordpress-export.xml");
  expect(first).toContain("Posts: 1 created, 0 already here.\nComments: 5 created, 0 already here, 0 imported before.");
  const second = cli("scripts/import.ts", "--wordpress", "tests/fixtures/wordpress-export.xml");
  expect(second).toContain("Posts: 0 created, 1 already here.\nComments: 0 created, 0 already here, 5 imported before.");

  await page.goto("/posts/physiotherapy-and-sciatica");
  await expect(page.getByRole("heading", { level: 1, name: "Physiotherapy & Sciatica: What Helps?" })).toBeVisible();
  await expect(page.getByText("This post looks at what physiotherapy adds.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "2 Responses to “Physiotherapy & Sciatica: What Helps?”" })).toBeVisible();
  const cara = page.getByRole("article", { name: "Comment by Cara Clinician" });
  await expect(cara.locator("strong")).toHaveText("graded activity");
  await expect(cara.getByRole("link", { name: "the trial" })).toHaveAttribute("href", "https://example.org/trial");
  // Ben's reply sits inside Cara's thread.
  await expect(page.getByRole("listitem").filter({ has: cara }).getByRole("article", { name: "Comment by Ben Physio" })).toContainText("Agreed & thank you, Cara.");
  for (const hidden of ["Is there evidence for traction?", "Buy pills", "A comment the editor trashed.", "pingback"]) {
    await expect(page.getByText(hidden)).toHaveCount(0);
  }

  const file = path.join(mkdtempSync(path.join(tmpdir(), "vetted-export-")), "export.json");
  expect(cli("scripts/export.ts", file)).toMatch(/^Exported \d+ post\(s\), \d+ comment\(s\) and \d+ user\(s\)/);
  const exported = JSON.parse(readFileSync(file, "utf8")) as { posts: { slug: string }[]; comments: { guestName: string | null }[] };
  expect(exported.posts.map((post) => post.slug)).toContain("physiotherapy-and-sciatica");
  expect(exported.comments.filter((comment) => comment.guestName === "Cara Clinician")).toHaveLength(1);

  const failure = refusedCli("scripts/export.ts", path.join(tmpdir(), `no-such-folder-${uniqueId()}`, "export.json"));
  expect(failure?.status).toBe(2);
  expect(failure?.stderr).toMatch(/Cannot write .*export\.json: its folder does not exist\./);
  expect(failure?.stderr).not.toContain("    at ");
});

test("an import of a file that is not an export is refused with a message, adding nothing", async () => {
  const before = await db.comment.count({ where: { importKey: { startsWith: "disqus:" } } });
  const failure = refusedCli("scripts/import.ts", "--disqus", "tests/fixtures/wordpress-export.xml");
  expect(failure?.status).toBe(2);
  expect(failure?.stderr).toContain("This is not a Disqus export");
  expect(await db.comment.count({ where: { importKey: { startsWith: "disqus:" } } })).toBe(before);
});

test("a real import without the site's secret is refused, since no guest could ever claim their comments", async () => {
  const fromFile = { importKey: { startsWith: "wordpress:journal.example:" } };
  let failure: { status: number; stderr: string } | undefined;
  try {
    // Run from a directory with no .env files, and without NEXTAUTH_SECRET in the environment.
    const environment = { ...process.env };
    delete environment.NEXTAUTH_SECRET;
    execFileSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("scripts/import.ts"), "--wordpress", path.resolve("tests/fixtures/wordpress-6.1-export.xml")], {
      cwd: tmpdir(),
      env: { ...environment, DATABASE_URL: process.env.E2E_DATABASE_URL, TSX_TSCONFIG_PATH: path.resolve("tsconfig.json") },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
  } catch (error) {
    failure = error as { status: number; stderr: string };
  }
  expect(failure?.status).toBe(2);
  expect(failure?.stderr).toContain("NEXTAUTH_SECRET is not set");
  expect(await db.comment.count({ where: fromFile })).toBe(0);
});
