import { expect, type Browser } from "@playwright/test";
import { createUser, signIn } from "./users";

export type Email = { subject: string; text: string; listUnsubscribe: string };

/**
 * Reads the messages sent to one address as an admin sees them at /moderation/outbox, newest
 * first, waiting until at least `atLeast` are there.
 */
export async function readOutbox(browser: Browser, to: string, atLeast = 1): Promise<Email[]> {
  const admin = await createUser({ role: "ADMIN" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, admin, "/");
  await expect(async () => {
    await page.goto(`/moderation/outbox?to=${encodeURIComponent(to)}`);
    expect(await page.getByRole("article").count()).toBeGreaterThanOrEqual(atLeast);
  }).toPass({ timeout: 10_000 });
  const emails: Email[] = [];
  for (const article of await page.getByRole("article").all()) {
    // Emails about the account itself (links to verify or reset) are no subscription: no header.
    const unsubscribe = article.getByRole("definition").filter({ hasText: "/unsubscribe/now?token=" });
    emails.push({
      subject: (await article.getByRole("heading").textContent()) ?? "",
      text: (await article.locator("pre").textContent()) ?? "",
      listUnsubscribe: (await unsubscribe.count()) > 0 ? ((await unsubscribe.textContent()) ?? "") : "",
    });
  }
  await context.close();
  return emails;
}

/** The first address in an email's text that starts with this site's address and path. */
export function linkIn(text: string, path: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${path.replace(/[?]/g, "\\?")}[^\\s]*`));
  if (!match) throw new Error(`No link to ${path} in:\n${text}`);
  return match[0];
}
