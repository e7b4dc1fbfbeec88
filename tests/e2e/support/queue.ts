import { expect, type Page } from "@playwright/test";

/**
 * Opens the queue filtered to one post (so other tests' comments never interleave) on a tab, and
 * waits until it is drawn and hears the keyboard.
 */
export async function openQueue(page: Page, slug: string, tab = "pending") {
  await page.goto(`/moderation?tab=${tab}&post=${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Moderation queue" })).toBeVisible();
  await expect(page.locator(".workspace[data-keys=on]")).toBeAttached();
}
