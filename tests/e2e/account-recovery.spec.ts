import { expect, test, type Browser, type Page } from "@playwright/test";
import { createPost, db, uniqueId } from "./support/db";
import { linkIn, readOutbox } from "./support/outbox";
import { createUser, PASSWORD, signIn } from "./support/users";

async function register(page: Page, email: string, path = "/register") {
  await page.goto(path);
  await page.getByLabel("Name").fill("Rosa Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Hashing the password takes a moment on a busy machine.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeFocused();
}

async function signInWith(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The one email with this subject sent to the address, waiting for it to arrive. */
async function emailTo(browser: Browser, to: string, subject: string) {
  const emails = await readOutbox(browser, to);
  const email = emails.find((candidate) => candidate.subject === subject);
  if (!email) throw new Error(`No "${subject}" email to ${to}; found: ${emails.map((candidate) => candidate.subject).join(", ")}`);
  return email;
}

test("a new reader registers, comments while unverified (held as such), and verifies from the emailed link", async ({ page, browser }) => {
  const post = await createPost();
  const email = `rosa-${uniqueId()}@example.com`;
  await register(page, email, `/register?callbackUrl=${encodeURIComponent(`/posts/${post.slug}`)}`);
  await page.getByRole("status").getByRole("link", { name: "Sign in" }).click();
  await signInWith(page, email, PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/posts/${post.slug}$`));

  const form = page.getByRole("region", { name: "Leave a Reply" });
  await form.getByLabel("Comment", { exact: true }).fill("My first words here.");
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  expect(await db.comment.findFirstOrThrow({ where: { authorId: user.id } })).toMatchObject({ status: "PENDING", heldReason: "held: email not verified" });

  const message = await emailTo(browser, email, "Confirm your email address");
  expect(message.listUnsubscribe).toBe("");
  await page.goto(linkIn(message.text, "/verify-email"));
  // Opening the link (as mail scanners do) changes nothing; the button does.
  await expect(page.getByText("Nothing has changed yet.")).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerified).toBeNull();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status")).toContainText(`Thank you: ${email} is verified.`);
  expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerified).not.toBeNull();

  await page.goto("/account");
  await expect(page.getByRole("button", { name: "Send the link again" })).toHaveCount(0);
  // The link was spent.
  await page.goto(linkIn(message.text, "/verify-email"));
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This link has expired or has been used already.");
});

test("registering with a taken address answers exactly as a new one, and the owner is emailed instead; a hostile return address stays on the site", async ({ page, browser }) => {
  const owner = await createUser();
  const fresh = `fresh-${uniqueId()}@example.com`;
  const answer = async (email: string) => {
    await register(page, email, "/register?callbackUrl=%2F%2Fevil.example%2Fsteal");
    const text = (await page.getByRole("status").innerText()).replace(email, "<address>");
    await expect(page.getByRole("status").getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login?callbackUrl=%2F");
    return text;
  };
  expect(await answer(owner.email)).toBe(await answer(fresh));

  const notice = await emailTo(browser, owner.email, "You already have an account");
  expect(notice.text).toContain("/forgot-password");
  expect(notice.text).not.toContain("token=");
  const stored = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
  expect(stored.passwordHash).toBe(owner.passwordHash);
  expect(stored.name).toBe(owner.name);

  await page.getByRole("status").getByRole("link", { name: "Sign in" }).click();
  await signInWith(page, fresh, PASSWORD);
  await expect(page.getByText("Signed in as Rosa Newcomer")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
});

test("forgot password: the same answer for any address; the emailed link sets a new password once and signs out the other browser", async ({ page, browser }) => {
  const reader = await createUser();
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, reader, "/account");

  const ask = async (email: string) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expect(page.getByRole("status")).toContainText("we have emailed it a link");
    return (await page.getByRole("status").innerText()).replace(email, "<address>");
  };
  const unknown = `nobody-${uniqueId()}@example.com`;
  expect(await ask(reader.email)).toBe(await ask(unknown));
  expect(await db.outboxMessage.count({ where: { toAddress: unknown } })).toBe(0);

  const link = linkIn((await emailTo(browser, reader.email, "Choose a new password")).text, "/reset-password");
  await page.goto(link);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByLabel("New password")).toHaveAccessibleDescription(/Use at least 8 characters\./);
  await page.getByLabel("New password").fill("a completely new password");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await elsewhere.close();

  await page.goto(link);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This link has expired or has been used already.");
  await page.goto("/login");
  await signInWith(page, reader.email, PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await signInWith(page, reader.email, "a completely new password");
  await expect(page.getByText(`Signed in as ${reader.name}`)).toBeVisible();
});

test("on the account page: a new address takes effect from its link and the old one is told; a new password keeps this session and ends the other", async ({ page, browser }) => {
  const reader = await createUser();
  await signIn(page, reader, "/account");
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, reader, "/account");

  const newEmail = `moved-${uniqueId()}@example.com`;
  const change = page.getByRole("form", { name: "Change email address" });
  await change.getByLabel("New email address").fill(newEmail);
  await change.getByLabel("Your password").fill("not my password");
  await change.getByRole("button", { name: "Change email address" }).click();
  await expect(change.getByLabel("Your password")).toHaveAccessibleDescription("That is not your current password.");
  await change.getByLabel("Your password").fill(PASSWORD);
  await change.getByRole("button", { name: "Change email address" }).click();
  await expect(change.getByText(`We have sent a link to ${newEmail}.`)).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: reader.id } })).email).toBe(reader.email);

  await page.goto(linkIn((await emailTo(browser, newEmail, "Confirm your new email address")).text, "/verify-email"));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status")).toContainText(`your account's address is now ${newEmail}`);
  expect(await db.user.findUniqueOrThrow({ where: { id: reader.id } })).toMatchObject({ email: newEmail, emailVerified: expect.any(Date) });
  expect((await emailTo(browser, reader.email, "Your email address was changed")).text).toContain(newEmail);

  await page.goto("/account");
  const password = page.getByRole("form", { name: "Change password" });
  await password.getByLabel("Current password").fill(PASSWORD);
  await password.getByLabel("New password").fill("my next password");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByText("Your password is changed. Every other session is signed out.")).toBeVisible();
  await page.reload();
  await expect(page.getByText(`Signed in as ${reader.name}`)).toBeVisible();
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Faccount/);

  // Signed in there again, then ended from here without changing anything else.
  await signInWith(otherPage, newEmail, "my next password");
  await expect(otherPage.getByText(`Signed in as ${reader.name}`)).toBeVisible();
  const sessions = page.getByRole("form", { name: "Other sessions" });
  await sessions.getByRole("button", { name: "End every other session" }).click();
  await expect(sessions.getByText("Every other session is signed out.")).toBeVisible();
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
  await page.reload();
  await expect(page.getByText(`Signed in as ${reader.name}`)).toBeVisible();
  await elsewhere.close();
});
