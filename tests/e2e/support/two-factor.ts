import { expect, type Page } from "@playwright/test";
import { generate } from "otplib";
import { PASSWORD } from "./users";

const STEP_MS = 30_000;

/** What an authenticator app with this key shows at `at` (a step earlier or later with `steps`). */
export function codeFor(secret: string, steps = 0, at = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor((at + steps * STEP_MS) / 1000) });
}

/**
 * Waits for a fresh 30-second step when the current one is nearly over, so a code typed now is
 * still the current one when the server checks it (the server accepts one step either side too).
 */
export async function freshStep(page: Page): Promise<void> {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < 5_000) await page.waitForTimeout(left + 200);
}

/**
 * Sets up two-factor on /account as a person does: reads the key the page shows for typing in,
 * confirms with a code computed from it, and returns the key and the recovery codes shown once.
 */
export async function setUpTwoFactor(page: Page, whilePending?: () => Promise<void>): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(section.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = ((await section.getByRole("definition").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await whilePending?.();
  await freshStep(page);
  await section.getByLabel("Current password").fill(PASSWORD);
  await section.getByLabel("Code from your authenticator app").fill(await codeFor(secret));
  await section.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(section.getByText("Two-factor authentication is on.")).toBeVisible();
  const list = section.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((code) => code.trim());
  await section.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(section.getByText(/Two-factor authentication is on \(since/)).toBeVisible();
  return { secret, recoveryCodes };
}

/** The first step of signing in: the right password, which for this account is not enough. */
export async function enterPassword(page: Page, email: string, returnTo = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Authentication code")).toBeVisible({ timeout: 15_000 });
}

/**
 * A code no sign-in has used yet: the next step's. The set-up spent the current step's code, and
 * the server accepts one step ahead (a phone whose clock runs a little fast), never the same step twice.
 */
export const unusedCode = (secret: string) => codeFor(secret, 1);

/** Both steps, with an unused code from the key; waits for the header to name the person. */
export async function signInWithCode(page: Page, user: { email: string; name: string }, secret: string, returnTo = "/") {
  await enterPassword(page, user.email, returnTo);
  await page.getByLabel("Authentication code").fill(await unusedCode(secret));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible({ timeout: 15_000 });
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}
