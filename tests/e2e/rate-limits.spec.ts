import { expect, test } from "@playwright/test";
import { db, uniqueId } from "./support/db";
import { createUser, PASSWORD } from "./support/users";

// Each test comes from its own address (in its own documentation range), as different visitors would.
const address = (range: string) => `${range}.${Math.floor(Math.random() * 250) + 1}, 10.0.0.${Math.floor(Math.random() * 250) + 1}`;

test("five failed sign-ins lock the account for 15 minutes, even with the right password", async ({ browser }) => {
  const user = await createUser();
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address("198.51.100") } });
  const page = await context.newPage();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`wrong password ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  }
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Too many failed sign-in attempts. Try again in 15 minutes.");
  await expect(page.getByText(`Signed in as ${user.name}`)).toHaveCount(0);
  expect(await db.rateLimitHit.count({ where: { bucket: `sign-in:account:${user.email}` } })).toBe(5);
  await context.close();
});

test("one address cannot create more than five accounts an hour", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address("203.0.113") } });
  const page = await context.newPage();
  const register = async (email: string) => {
    await page.goto("/register");
    await page.getByLabel("Name").fill("Serial Registrant");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
  };
  const id = uniqueId();
  for (let n = 1; n <= 5; n++) {
    await register(`serial-${id}-${n}@example.com`);
    // Registering hashes the password and signing in checks it: give a busy machine time.
    await expect(page.getByText("Signed in as Serial Registrant")).toBeVisible({ timeout: 15_000 });
    await context.clearCookies();
  }
  await register(`serial-${id}-6@example.com`);
  await expect(page.getByText("Too many accounts were created from your network. Try again in 60 minutes.")).toBeVisible();
  expect(await db.user.count({ where: { email: { startsWith: `serial-${id}-` } } })).toBe(5);
  await context.close();
});
