import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "./support/db";
import { createUser, signIn } from "./support/users";

test("a bot that fills the hidden field is thanked like anyone, and its comment waits in Spam with the reason", async ({ page, browser }) => {
  const post = await createPost();
  const bot = await createUser();
  const words = `Great post, visit my pharmacy ${uniqueId()}`;
  await signIn(page, bot, `/posts/${post.slug}`);
  const form = page.getByRole("region", { name: "Leave a Reply" });
  // People never meet the field: not in the accessibility tree, not in the tab order.
  await expect(form.getByRole("textbox", { name: "Leave this field empty" })).toHaveCount(0);
  await form.getByLabel("Comment", { exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("I have read and agree to the Terms and Conditions")).toBeFocused();
  // A script fills every input it finds by its name.
  await form.getByLabel("Comment", { exact: true }).fill(words);
  await page.locator('input[name="homepage"]').fill("https://pharmacy.example", { force: true });
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  expect(await db.comment.findFirstOrThrow({ where: { postId: post.id } })).toMatchObject({ body: words, status: "SPAM" });

  const moderator = await createUser({ role: "MODERATOR" });
  const context = await browser.newContext();
  const moderatorPage = await context.newPage();
  await signIn(moderatorPage, moderator, `/moderation?tab=spam&post=${post.slug}`);
  const item = moderatorPage.getByRole("article").filter({ hasText: words });
  await expect(item).toContainText("spam: filled in the hidden field people never see");
  await context.close();
});
