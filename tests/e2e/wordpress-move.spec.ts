import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createDatabase, type Database } from "@/app/_lib/db/client";
import { resolveDatabase } from "@/app/_lib/db/url";
import { freshDatabase } from "@/scripts/lib/fresh-database";
import { freePort, startServer, type Server } from "@/scripts/lib/server";
import { hashedPassword, PASSWORD } from "./support/users";

// The file WordPress 6.1.9's own exporter wrote for a site holding the seed post, used as it is.
const EXPORT = "tests/fixtures/wordpress-6.1-export.xml";
const SEED_POST = "/posts/mri-in-follow-up-of-sciatica";

test.describe.configure({ timeout: 240_000 });

let drop: (() => Promise<void>) | undefined;
let server: Server | undefined;
let site: Database | undefined;
test.afterEach(async () => {
  await server?.stop();
  await site?.$disconnect();
  await drop?.();
});

async function signIn(page: Page, email: string, name: string) {
  await page.goto(`${server!.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
}

test("a journal moves its WordPress blog in: a dry run, the import, the seeded post's responses once, and a guest claiming their comments", async ({ page, browser }) => {
  // A fresh install of its own (the shared site's seed post is left alone), migrated and seeded as
  // `npm start` does it.
  const fresh = await freshDatabase(resolveDatabase(process.env.E2E_DATABASE_URL).provider, "move");
  drop = fresh.drop;
  const secret = randomBytes(24).toString("base64url");
  const run = (script: string, ...args: string[]) =>
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
      env: { ...process.env, DATABASE_URL: fresh.target.url, NEXTAUTH_SECRET: secret },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
  run("prisma/migrate.ts");
  run("prisma/seed.ts");
  site = createDatabase(fresh.target);
  const importer = (...args: string[]) => run("scripts/import.ts", "--wordpress", EXPORT, ...args);
  const skipped = "Skipped: 1 draft post, 2 pages, 1 pingback.";

  await test.step("a dry run says what would happen and writes nothing", async () => {
    expect(importer("--dry-run")).toContain(
      ["WordPress import, dry run: nothing was written.", "Posts: 2 to create, 1 already here.", "Comments: 7 to create, 3 already here, 0 imported before.", skipped].join("\n"),
    );
    expect([await site!.post.count(), await site!.comment.count()]).toEqual([1, 3]);
  });

  await test.step("the import adds what is new, and a second one adds nothing", async () => {
    expect(importer()).toContain(["WordPress import done.", "Posts: 2 created, 1 already here.", "Comments: 7 created, 3 already here, 0 imported before.", skipped].join("\n"));
    expect(importer()).toContain("Posts: 0 created, 3 already here.\nComments: 0 created, 0 already here, 10 imported before.");
    expect(await site!.comment.count()).toBe(10);
  });

  server = await startServer(fresh.target.url, await freePort(), { env: { NEXTAUTH_SECRET: secret } });

  await test.step("the seeded post shows six responses, each once, in their threads", async () => {
    await page.goto(`${server!.url}${SEED_POST}`);
    await expect(page.getByRole("heading", { level: 2, name: "6 Responses to “MRI in Follow-up of Sciatica”" })).toBeVisible();
    const byName = (name: string) => page.getByRole("article", { name: `Comment by ${name}`, exact: true });
    // Every response once, in the order written, each reply inside the comment it answers.
    const threads = await page.locator("article[aria-label^='Comment by']").evaluateAll((articles) =>
      articles.map((article) => {
        const answered = article.closest("li")?.parentElement?.closest("li")?.querySelector("article");
        return [article.getAttribute("aria-label")!.replace("Comment by ", ""), answered?.getAttribute("aria-label")?.replace("Comment by ", "") ?? null];
      }),
    );
    expect(threads).toEqual([
      ["Alexandros Zachos", null],
      ["Dr Sanjiv Desai", null],
      ["Steve Lockhart", null],
      ["Maria Müller", "Steve Lockhart"],
      ["Steve Lockhart", "Maria Müller"],
      ["Scripted", null],
    ]);
    const maria = byName("Maria Müller");
    await expect(maria).toContainText("椎間板 ✓ 🙂");
    await expect(maria.locator("strong")).toHaveText("Multifidus");
    await expect(byName("Steve Lockhart").last()).toContainText("Mostly the deep stabilisers.");
    await expect(byName("Scripted")).toContainText("Hello");
    expect(await page.evaluate(() => document.querySelectorAll("article script, article img").length)).toBe(0);
    for (const hidden of ["This one is still waiting for moderation.", "Off-topic remark that a moderator trashed.", "Pingback from another blog"]) {
      await expect(page.getByText(hidden)).toHaveCount(0);
    }
    // The home page and the comments feed agree with the page.
    await page.goto(`${server!.url}/`);
    await expect(page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "MRI in Follow-up of Sciatica" }) })).toContainText("6 responses");
    const feed = await (await fetch(`${server!.url}${SEED_POST}/comments/feed.xml`)).text();
    expect(feed.match(/<item>/g)).toHaveLength(6);
  });

  await test.step("the pending and trashed comments wait in their queue tabs", async () => {
    const moderator = await site!.user.create({ data: { name: "Mira Moderator", email: `mira-${randomBytes(3).toString("hex")}@example.org`, passwordHash: await hashedPassword(), role: "MODERATOR" } });
    const moderating = await browser.newPage();
    try {
      await signIn(moderating, moderator.email, moderator.name);
      await moderating.goto(`${server!.url}/moderation?tab=pending`);
      await expect(moderating.getByRole("article").filter({ hasText: "This one is still waiting for moderation." })).toBeVisible();
      await moderating.goto(`${server!.url}/moderation?tab=trash`);
      await expect(moderating.getByRole("article").filter({ hasText: "Off-topic remark that a moderator trashed." })).toBeVisible();
    } finally {
      await moderating.close();
    }
  });

  await test.step("a guest registers with their old address, verifies it, and claims their comments", async () => {
    await page.goto(`${server!.url}/register`);
    await page.getByLabel("Name").fill("Steve L.");
    await page.getByLabel("Email").fill("Steve.Lockhart@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await signIn(page, "steve.lockhart@example.com", "Steve L.");
    await page.goto(`${server!.url}/account`);
    // Nothing is offered to an address nobody has verified: anyone can register with any address.
    await expect(page.getByRole("heading", { name: "Comments from before you had an account" })).toHaveCount(0);

    // The verification email waits in this site's outbox; its link proves the address.
    const verification = await site!.outboxMessage.findFirstOrThrow({ where: { toAddress: "steve.lockhart@example.com", kind: "verify-email" } });
    const token = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(verification.text)![1]!;
    await page.goto(`${server!.url}/verify-email?token=${token}`);
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("Thank you: steve.lockhart@example.com is verified.")).toBeVisible();
    await page.goto(`${server!.url}/account`);
    await expect(page.getByText("2 comments from your earlier address: claim them to show them under your name.")).toBeVisible();
    await page.getByRole("button", { name: "Claim them" }).click();
    await expect(page.getByText("2 comments are now yours and show your name.")).toBeVisible();
    await expect(page.getByRole("table", { name: /Your comments/ }).getByRole("row")).toHaveCount(3);

    await page.goto(`${server!.url}${SEED_POST}`);
    await expect(page.getByRole("article", { name: "Comment by Steve L.", exact: true })).toHaveCount(2);
    await expect(page.getByRole("article", { name: "Comment by Steve Lockhart", exact: true })).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 2, name: "6 Responses to “MRI in Follow-up of Sciatica”" })).toBeVisible();
  });
});
