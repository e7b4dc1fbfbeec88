import { expect, type Page } from "@playwright/test";
import { hashPassword } from "@/app/_lib/auth/password";
import { db, uniqueId } from "./db";

export const PASSWORD = "a long enough password";

type UserOptions = { role?: "READER" | "MODERATOR" | "ADMIN"; status?: "ACTIVE" | "SUSPENDED" | "BANNED"; statusReason?: string; suspendedUntil?: Date };

export async function createUser(options: UserOptions = {}) {
  const id = uniqueId();
  return db.user.create({
    data: {
      name: `Reader ${id}`,
      email: `reader-${id}@example.com`,
      passwordHash: await hashPassword(PASSWORD),
      role: options.role ?? "READER",
      status: options.status ?? "ACTIVE",
      statusReason: options.statusReason,
      suspendedUntil: options.suspendedUntil,
    },
  });
}

/** Signs in through the login page, as a person would, and waits for the header to say so. */
export async function signIn(page: Page, user: { email: string; name: string }, returnTo = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${user.name}`)).toBeVisible();
}
