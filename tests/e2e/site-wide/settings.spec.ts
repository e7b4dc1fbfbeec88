import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "../support/db";
import { createUser, signIn } from "../support/users";

test.afterEach(async () => {
  await db.setting.deleteMany({ where: { key: { in: ["blocklist", "holdWords", "maxLinks"] } } });
});

test("an admin sets a blocklist and a hold word; a comment matching the blocklist goes to Spam, explained", async ({ page, browser }) => {
  const admin = await createUser({ role: "ADMIN" });
  const word = `zzblock${uniqueId()}`;
  const hold = `zzhold${uniqueId()}`;
  await signIn(page, admin, "/moderation/settings");
  await page.getByLabel("Links allowed before a comment is held").fill("-1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByLabel("Links allowed before a comment is held")).toHaveAccessibleDescription("Links allowed must be at least 0.");

  await page.getByLabel("Links allowed before a comment is held").fill("2");
  await page.getByLabel(/^Blocklist/).fill(word);
  await page.getByLabel(/^Hold words/).fill(hold);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  expect(await db.moderationEvent.count({ where: { action: "SETTING_CHANGE", moderatorId: admin.id } })).toBe(1);
  expect(JSON.parse((await db.setting.findUniqueOrThrow({ where: { key: "holdWords" } })).value)).toEqual([hold]);

  const post = await createPost();
  const reader = await createUser();
  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, reader, `/posts/${post.slug}`);
  const form = readerPage.getByRole("region", { name: "Leave a Reply" });
  await form.getByLabel("Comment", { exact: true }).fill(`Visit ${word} today`);
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  await readerContext.close();

  const stored = await db.comment.findFirstOrThrow({ where: { postId: post.id, body: { contains: word } } });
  expect(stored).toMatchObject({ status: "SPAM", heldReason: `spam: contains the blocked phrase “${word}”` });

  await page.goto(`/moderation?tab=spam&post=${post.slug}`);
  await expect(page.getByRole("article")).toContainText(`spam: contains the blocked phrase “${word}”`);
});
