import { expect, type Page } from "@playwright/test";
import { hashPassword } from "@/app/_lib/auth/password";
import { db, uniqueId } from "./db";

export const PASSWORD = "a long enough password";

type UserOptions = { role?: "READER" | "MODERATOR" | "ADMIN"; status?: "ACTIVE" | "SUSPENDED" | "BANNED"; statusReason?: string; suspendedUntil?: Date };

let passwordHash: Promise<string> | undefined;
/** One Argon2 hash of PASSWORD per worker: each costs 20 MiB and tens of milliseconds of CPU. */
export const hashedPassword = (): Promise<string> => (passwordHash ??= hashPassword(PASSWORD));

export async function createUser(options: UserOptions = {}) {
  const id = uniqueId();
  return db.user.create({
    data: {
      name: `Reader ${id}`,
      email: `reader-${id}@example.com`,
      passwordHash: await hashedPassword(),
      role: options.role ?? "READER",
      status: options.status ?? "ACTIVE",
      statusReason: options.statusReason,
      suspendedUntil: options.suspendedUntil,
    },
  });
}

/**
 * NextAuth's CSRF token. The page's request context keeps its connection between calls, and one
 * left idle for the server's keep-alive timeout can be closed just as it is used again: browsers
 * send an idempotent request again then, Playwright's request context does not, so this does.
 */
async function csrfTokenFor(page: Page): Promise<string> {
  const ask = () => page.request.get("/api/auth/csrf");
  const response = await ask().catch((error: Error) => {
    if (/ECONNRESET|socket hang up/.test(error.message)) return ask();
    throw error;
  });
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/**
 * Signs in the way the login form's script does (NextAuth's CSRF token, then its credentials
 * callback) without drawing the form, opens `returnTo` and waits for the header to name the user.
 * For journeys about something else; those about signing in use `signInThroughForm`.
 */
export async function signIn(page: Page, user: { email: string; name: string }, returnTo = "/") {
  const csrfToken = await csrfTokenFor(page);
  const answer = await page.request.post("/api/auth/callback/credentials", { form: { email: user.email, password: PASSWORD, csrfToken, json: "true" } });
  const { url } = (await answer.json()) as { url: string };
  expect(new URL(url).searchParams.get("error"), `signing in ${user.email}`).toBeNull();
  await page.goto(returnTo);
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible();
}

/** Signs in through the login page, as a person would, and waits for the header to say so. */
export async function signInThroughForm(page: Page, user: { email: string; name: string }, returnTo = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible();
}
