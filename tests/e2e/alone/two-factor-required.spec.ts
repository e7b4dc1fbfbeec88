import { expect, test } from "@playwright/test";
import { db } from "../support/db";
import { setUpTwoFactor, signInWithCode } from "../support/two-factor";
import { createUser, signIn } from "../support/users";

// While it is on, every moderator and admin without two-factor loses moderation: nothing else may run beside it.
test.afterAll(async () => {
  await db.setting.deleteMany({ where: { key: "requireTwoFactorForStaff" } });
});

test("an admin requires two-factor for staff; a moderator without it is sent to /account, and moderates once it is set up", async ({ page, browser }) => {
  const admin = await createUser({ role: "ADMIN" });
  await signIn(page, admin, "/moderation/settings");
  const requirement = page.getByLabel(/^Require two-factor for moderators and admins/);
  await expect(requirement).not.toBeChecked();
  // An admin without two-factor would lock themself out: they set it up first.
  await requirement.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/before requiring it of moderators and admins/)).toBeVisible();

  await setUpTwoFactor(page);
  await page.goto("/moderation/settings");
  await page.getByLabel(/^Require two-factor for moderators and admins/).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  const moderator = await createUser({ role: "MODERATOR" });
  const context = await browser.newContext();
  const moderatorPage = await context.newPage();
  await signIn(moderatorPage, moderator, "/moderation");
  await expect(moderatorPage).toHaveURL(/\/account\?two-factor=required/);
  await expect(moderatorPage.getByRole("alert").filter({ hasText: "requires two-factor authentication for moderators and admins" })).toBeVisible();
  await expect(moderatorPage.getByRole("link", { name: /Moderation/ })).toHaveCount(0);
  // Every moderation page, and the data behind the queue, refuse them too.
  for (const path of ["/moderation/users", "/moderation/log"]) {
    await moderatorPage.goto(path);
    await expect(moderatorPage).toHaveURL(/\/account\?two-factor=required/);
  }
  expect((await moderatorPage.request.get("/api/moderation/queue?tab=pending")).ok()).toBe(false);

  const { secret } = await setUpTwoFactor(moderatorPage);
  await moderatorPage.goto("/moderation");
  await expect(moderatorPage).toHaveURL(/\/moderation$/);
  await expect(moderatorPage.getByRole("heading", { level: 1 })).toBeVisible();

  // From now on this moderator signs in with a code.
  await context.clearCookies();
  await signInWithCode(moderatorPage, moderator, secret, "/moderation");
  await expect(moderatorPage).toHaveURL(/\/moderation$/);
  await context.close();

  // Off again, by the admin, who has two-factor.
  await page.goto("/moderation/settings");
  await page.getByLabel(/^Require two-factor for moderators and admins/).uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
});
