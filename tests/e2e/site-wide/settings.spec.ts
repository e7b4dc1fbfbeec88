import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "../support/db";
import { createUser, signIn } from "../support/users";

// Saving the settings form writes every setting it shows: these tests run one after another.
test.describe.configure({ mode: "default" });

test.afterEach(async () => {
  await db.setting.deleteMany({ where: { key: { in: ["blocklist", "holdWords", "maxLinks", "rejectionReasons"] } } });
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

test("an admin keeps the saved rejection reasons; the reject panel offers them, and Other for a typed one", async ({ page, browser }) => {
  const admin = await createUser({ role: "ADMIN" });
  const reason = `Quotes a paywalled article in full ${uniqueId()}`;
  await signIn(page, admin, "/moderation/settings");
  const reasons = page.getByLabel(/^Reasons moderators can choose/);
  await reasons.fill(`${"x".repeat(201)}\nOff-topic`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(reasons).toHaveAccessibleDescription("Keep each reason under 200 characters.");
  await reasons.fill(`Off-topic\n${reason}\n\nOff-topic`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  expect(JSON.parse((await db.setting.findUniqueOrThrow({ where: { key: "rejectionReasons" } })).value)).toEqual(["Off-topic", reason]);

  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const saved = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Rejected with a saved reason.", status: "PENDING", termsVersion: 1 } });
  const typed = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Rejected with a typed reason.", status: "PENDING", termsVersion: 1 } });
  const context = await browser.newContext();
  const moderatorPage = await context.newPage();
  await signIn(moderatorPage, moderator, "/");
  await moderatorPage.goto(`/moderation?post=${post.slug}`);

  const first = moderatorPage.getByRole("article").filter({ hasText: "Rejected with a saved reason." });
  await first.getByRole("button", { name: "Reject" }).click();
  const choice = first.getByLabel("Reason shown to the author (optional)");
  await expect(choice.getByRole("option")).toHaveText(["No reason", "Off-topic", reason, "Other…"]);
  await choice.selectOption(reason);
  await first.getByRole("button", { name: "Reject comment" }).click();
  await expect(moderatorPage.getByRole("status").filter({ hasText: "Rejected" })).toHaveText(`Rejected: comment by ${reader.name}.`);

  const second = moderatorPage.getByRole("article").filter({ hasText: "Rejected with a typed reason." });
  await second.getByRole("button", { name: "Reject" }).click();
  await second.getByLabel("Reason shown to the author (optional)").selectOption("Other…");
  await second.getByLabel("Other reason").fill("Repeats the comment above word for word.");
  await second.getByRole("button", { name: "Reject comment" }).click();
  await expect(second).toHaveCount(0);
  await context.close();

  await expect.poll(async () => (await db.comment.findUniqueOrThrow({ where: { id: typed.id } })).rejectionReason).toBe("Repeats the comment above word for word.");
  expect(await db.comment.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ status: "REJECTED", rejectionReason: reason });
});
