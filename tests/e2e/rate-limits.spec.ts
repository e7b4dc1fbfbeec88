import { expect, test, type APIRequestContext } from "@playwright/test";
import { db, uniqueId } from "./support/db";
import { createUser, PASSWORD } from "./support/users";

// Each visitor comes from its own address in its own documentation range, behind a forwarded hop
// the limits ignore: the last address in the chain is the one they count, so no two visitors share it.
const address = (range: string) => `10.0.0.${Math.floor(Math.random() * 250) + 1}, ${range}.${Math.floor(Math.random() * 250) + 1}`;

test("five failed sign-ins lock the account from that address for 15 minutes, even with the right password; the owner signs in from elsewhere", async ({ browser }) => {
  const user = await createUser();
  const attackerAddress = address("198.51.100");
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": attackerAddress } });
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
  const client = attackerAddress.split(", ").at(-1);
  expect(await db.rateLimitHit.count({ where: { bucket: `sign-in:account:${user.email}:from:${client}` } })).toBe(5);
  await context.close();

  // Failing on purpose cannot lock the owner out: from their own address, the password works.
  const owner = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address("192.0.2") } });
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/login");
  await ownerPage.getByLabel("Email").fill(user.email);
  await ownerPage.getByLabel("Password").fill(PASSWORD);
  await ownerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(ownerPage.getByText(`Signed in as ${user.name}`)).toBeVisible();
  await owner.close();
});

/** Signs in over HTTP as a script would, from `origin`, and returns NextAuth's verdict. */
async function passwordAttempt(request: APIRequestContext, origin: string, email: string, password: string, forwardedFor: string) {
  const csrf = await request.get(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post(`${origin}/api/auth/callback/credentials`, {
    headers: { "X-Forwarded-For": forwardedFor },
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  const location = response.headers().location ?? ((await response.json().catch(() => ({}))) as { url?: string }).url ?? "";
  return decodeURIComponent(new URL(location, origin).searchParams.get("error") ?? "signed in").replace(/\+/g, " ");
}

test("a direct client cannot pick the address the limits see by writing X-Forwarded-For", async ({ playwright, baseURL }) => {
  const user = await createUser();
  // The server trusts forwarded addresses only from its proxy on 127.0.0.1; over ::1 a client
  // talks to it directly, so whatever it writes in the header counts for nothing.
  const direct = `http://[::1]:${new URL(baseURL!).port}`;
  const request = await playwright.request.newContext();
  const verdicts = [];
  for (let attempt = 1; attempt <= 5; attempt++) verdicts.push(await passwordAttempt(request, direct, user.email, `guess ${attempt}`, `198.51.100.${attempt}`));
  expect(verdicts).toEqual(Array(5).fill("CredentialsSignin"));
  // A sixth guess from a "new" address is still the same client, and is refused unchecked.
  expect(await passwordAttempt(request, direct, user.email, PASSWORD, "203.0.113.250")).toBe("Too many failed sign-in attempts. Try again in 15 minutes.");
  expect(await db.rateLimitHit.count({ where: { bucket: { startsWith: `sign-in:account:${user.email}:from:` } } })).toBe(5);
  expect(await db.rateLimitHit.count({ where: { bucket: `sign-in:account:${user.email}:from:0:0:0:0::/64` } })).toBe(5);

  // Nor can it land a victim's address in a limit: the victim, behind the proxy, signs in.
  const victim = await createUser();
  for (let attempt = 1; attempt <= 6; attempt++) await passwordAttempt(request, direct, victim.email, `guess ${attempt}`, "192.0.2.77");
  expect(await passwordAttempt(request, baseURL!, victim.email, PASSWORD, "192.0.2.77")).toBe("signed in");
  await request.dispose();
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
    // Registering hashes the password: give a busy machine time.
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 15_000 });
  }
  await register(`serial-${id}-6@example.com`);
  await expect(page.getByText("Too many accounts were created from your network. Try again in 60 minutes.")).toBeVisible();
  expect(await db.user.count({ where: { email: { startsWith: `serial-${id}-` } } })).toBe(5);
  await context.close();
});
