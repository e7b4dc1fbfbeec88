import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "./support/db";
import { createUser, PASSWORD, signIn, signInThroughForm } from "./support/users";

test("a visitor registers, signs in, signs out and signs in again", async ({ page }) => {
  const email = `new-${uniqueId()}@example.com`;
  await page.goto("/register");
  await page.getByLabel("Name").fill("Nadia Reader");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Registration answers alike for new and taken addresses, so it signs nobody in by itself.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("status").getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Signed in as Nadia Reader")).toBeVisible();

  const stored = await db.user.findUniqueOrThrow({ where: { email } });
  expect(stored.role).toBe("READER");
  expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await signInThroughForm(page, { email, name: "Nadia Reader" });
});

test("signing out ends the session: a copy of its cookie signs in no one afterwards, on this device or another", async ({ page, browser }) => {
  const reader = await createUser();
  await signIn(page, reader, "/account");
  const copied = await page.context().cookies();
  expect(copied.some((cookie) => cookie.name === "next-auth.session-token")).toBe(true);

  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(copied);
  const other = await elsewhere.newPage();
  await other.goto("/account");
  await expect(other.getByText(`Signed in as ${reader.name}`)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  // The copied cookie is still in the other browser, unexpired; it no longer names a session.
  await other.goto("/account");
  await expect(other).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await expect(other.getByText(`Signed in as ${reader.name}`)).toHaveCount(0);
  const replay = await browser.newContext();
  await replay.addCookies(copied);
  const replayed = await replay.newPage();
  await replayed.goto("/");
  await expect(replayed.getByRole("link", { name: "Log in" })).toBeVisible();
  await Promise.all([elsewhere.close(), replay.close()]);
});

test("registration explains every problem next to its field and keeps what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name as it should appear on your comments.")).toBeVisible();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

  // A taken address is not a problem the form names (account-recovery.spec.ts): the email says so.
  const email = `someone-${uniqueId()}`;
  await page.getByLabel("Name").fill("Someone");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter a valid email address, like name@example.com.");
  await expect(page.getByLabel("Name")).toHaveValue("Someone");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  expect(await db.user.count({ where: { name: "Someone", email: { startsWith: email } } })).toBe(0);
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const user = await createUser();
  for (const [email, password] of [
    [user.email, "not the password"],
    [`nobody-${uniqueId()}@example.com`, PASSWORD],
  ]) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email!);
    await page.getByLabel("Password").fill(password!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  }
});

test("signing in from a post returns the reader to that post", async ({ page }) => {
  const post = await createPost();
  const user = await createUser();
  await page.goto(`/posts/${post.slug}`);
  const reply = page.getByRole("region", { name: "Leave a Reply" });
  await expect(reply.getByText("You must be logged in to post a comment.")).toBeVisible();
  await reply.getByRole("link", { name: "Log in" }).click();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/posts/${post.slug}`));
  await expect(page.getByLabel("Comment", { exact: true })).toBeVisible();
});

test("a banned reader cannot sign in; a demoted admin loses the terms editor at once", async ({ page }) => {
  const banned = await createUser({ status: "BANNED" });
  await page.goto("/login");
  await page.getByLabel("Email").fill(banned.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This account has been banned.");
  await expect(page.getByText(`Signed in as ${banned.name}`)).toHaveCount(0);
  // A wrong password learns nothing about the account.
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");

  const admin = await createUser({ role: "ADMIN" });
  await signIn(page, admin);
  await page.goto("/terms/edit");
  await expect(page.getByRole("heading", { level: 1, name: "Publish new Terms and Conditions" })).toBeVisible();
  await db.user.update({ where: { id: admin.id }, data: { role: "READER" } });
  const response = await page.goto("/terms/edit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have access" })).toBeVisible();
});
