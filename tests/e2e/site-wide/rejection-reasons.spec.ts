import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "../support/db";
import { createUser, signIn } from "../support/users";

test.afterEach(async () => {
  await db.setting.deleteMany({ where: { key: "rejectionReasons" } });
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
