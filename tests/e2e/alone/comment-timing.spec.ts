import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "../support/db";
import { createUser, signIn } from "../support/users";

// The least time to write a comment is one setting for the whole site: this journey changes it,
// so it runs after every other journey (the "alone" project), and puts it back.
const MINIMUM = "Seconds between showing the comment form and posting (quicker posts go to Spam as a bot's)";

test("an admin sets the least time to write a comment; a comment posted quicker waits in Spam, with how quick it was", async ({ page, browser }) => {
  const admin = await createUser({ role: "ADMIN" });
  await signIn(page, admin, "/moderation/settings");
  await page.getByLabel(MINIMUM).fill("601");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByLabel(MINIMUM)).toHaveAccessibleDescription("Seconds before a comment can be posted must be at most 600.");
  await page.getByLabel(MINIMUM).fill("30");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  try {
    const post = await createPost();
    const reader = await createUser();
    const words = `Posted the moment the page appeared ${uniqueId()}`;
    const context = await browser.newContext();
    const readerPage = await context.newPage();
    await signIn(readerPage, reader, `/posts/${post.slug}`);
    const form = readerPage.getByRole("region", { name: "Leave a Reply" });
    await form.getByLabel("Comment", { exact: true }).fill(words);
    await form.getByLabel("I have read and agree to the Terms and Conditions").check();
    await form.getByRole("button", { name: "Post Comment" }).click();
    await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
    await context.close();
    expect((await db.comment.findFirstOrThrow({ where: { postId: post.id } })).status).toBe("SPAM");

    await page.goto(`/moderation?tab=spam&post=${post.slug}`);
    await expect(page.getByRole("article").filter({ hasText: words })).toContainText(/spam: posted \d+\.\d s after the form was shown \(the least is 30 s\)/);
  } finally {
    await page.goto("/moderation/settings");
    await page.getByLabel(MINIMUM).fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
  }
});
