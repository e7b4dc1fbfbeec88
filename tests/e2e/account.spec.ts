import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createPost, db } from "./support/db";
import { createUser, PASSWORD, signIn } from "./support/users";

test("my comments list every status with its reason; decisions and replies show as new until read", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const other = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const decided = { decidedAt: new Date(), decidedById: moderator.id, termsVersion: 1 };
  const published = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "My published remark.", status: "APPROVED", ...decided } });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "My rejected remark.", status: "REJECTED", rejectionReason: "Off-topic", ...decided } });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "My waiting remark.", status: "PENDING", termsVersion: 1 } });
  await db.comment.create({ data: { postId: post.id, authorId: other.id, parentId: published.id, body: "A reply to you.", status: "APPROVED", ...decided } });

  await signIn(page, reader, "/account");
  await expect(page.getByRole("link", { name: "Account (3 new)" })).toBeVisible();
  await page.getByRole("link", { name: "Account (3 new)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();

  const notifications = page.getByRole("region", { name: "Notifications" });
  await expect(notifications.getByRole("listitem")).toHaveCount(3);
  await expect(notifications).toContainText(`Your comment on ${post.title} was published.`);
  await expect(notifications).toContainText(`Your comment on ${post.title} was not published. Reason: Off-topic`);
  await expect(notifications).toContainText(`${other.name} replied to your comment on ${post.title}.`);

  const mine = page.getByRole("table", { name: /Your comments/ });
  await expect(mine.getByRole("row").filter({ hasText: "My published remark." })).toContainText("Published");
  await expect(mine.getByRole("row").filter({ hasText: "My rejected remark." })).toContainText("Not published: Off-topic");
  await expect(mine.getByRole("row").filter({ hasText: "My waiting remark." })).toContainText("Awaiting moderation");
  await expect(mine.getByRole("row").filter({ hasText: "A reply to you." })).toHaveCount(0);

  const publishedRow = mine.getByRole("row").filter({ hasText: "My published remark." });
  await publishedRow.getByRole("button", { name: "Turn on reply emails for this comment" }).click();
  await expect(publishedRow.getByRole("button", { name: "Turn off reply emails for this comment" })).toBeVisible();
  expect((await db.comment.findUniqueOrThrow({ where: { id: published.id } })).notifyReplies).toBe(true);

  await notifications.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("Nothing new.");
  await page.reload();
  await expect(page.getByRole("link", { name: "Account", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("Nothing new.");
});

test("export my data downloads my profile, comments, terms acceptances and reports as JSON, and nothing secret", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const comment = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Exported words.", status: "PENDING", termsVersion: 1 } });
  await db.termsAcceptance.create({ data: { userId: reader.id, version: 1 } });
  await db.report.create({ data: { commentId: comment.id, reporterId: reader.id, reason: "OFF_TOPIC" } });

  await signIn(page, reader, "/account");
  await page.goto("/account");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export my data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^vetted-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await file.path())!, "utf8");
  const data = JSON.parse(text);
  expect(data.profile).toMatchObject({ id: reader.id, name: reader.name, email: reader.email });
  expect(data.comments).toHaveLength(1);
  expect(data.comments[0]).toMatchObject({ body: "Exported words.", status: "PENDING", post: { slug: post.slug } });
  expect(data.termsAcceptances).toEqual([expect.objectContaining({ version: 1 })]);
  expect(data.reports).toEqual([expect.objectContaining({ commentId: comment.id, reason: "OFF_TOPIC" })]);
  expect(text).not.toContain(reader.passwordHash!);

  const anonymous = await page.context().browser()!.newContext();
  const refused = await anonymous.request.get("/account/export");
  expect(refused.status()).toBe(401);
  await anonymous.close();
});

test("deleting my account asks for the password, keeps my published comment as 'Deleted user' and signs me out for good", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Words that stay.", status: "APPROVED", decidedAt: new Date(), termsVersion: 1 } });
  const unpublished = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Never published.", status: "PENDING", termsVersion: 1 } });

  await signIn(page, reader, "/account");
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Delete my account" });
  await form.getByLabel("Your password").fill("not my password");
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(form.getByLabel("Your password")).toHaveAccessibleDescription("That password is not right.");
  expect((await db.user.findUniqueOrThrow({ where: { id: reader.id } })).deletedAt).toBeNull();

  await form.getByLabel("Keep them, shown as written by “Deleted user”").check();
  await form.getByLabel("Your password").fill(PASSWORD);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your account has been deleted." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  const stored = await db.user.findUniqueOrThrow({ where: { id: reader.id } });
  expect(stored).toMatchObject({ name: "Deleted user", passwordHash: null });
  expect(stored.email).not.toBe(reader.email);
  expect(stored.deletedAt).not.toBeNull();
  expect(await db.moderationEvent.count({ where: { action: "ACCOUNT_DELETE", subjectUserId: reader.id } })).toBe(1);
  expect(await db.comment.findUnique({ where: { id: unpublished.id } })).toBeNull();

  const visitor = await browser.newContext();
  const tab = await visitor.newPage();
  await tab.goto(`/posts/${post.slug}`);
  await expect(tab.getByRole("article", { name: "Comment by Deleted user" })).toContainText("Words that stay.");
  await expect(tab.getByText(reader.name)).toHaveCount(0);
  await tab.goto("/login");
  await tab.getByLabel("Email").fill(reader.email);
  await tab.getByLabel("Password").fill(PASSWORD);
  await tab.getByRole("button", { name: "Sign in" }).click();
  await expect(tab.getByText("Invalid email or password.")).toBeVisible();
  await visitor.close();
});

test("deleting my account and removing my comments keeps replies to them in place", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const other = await createUser();
  const approved = { status: "APPROVED" as const, decidedAt: new Date(), termsVersion: 1 };
  const answered = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Answered remark.", ...approved } });
  const alone = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Lonely remark.", ...approved } });
  await db.comment.create({ data: { postId: post.id, authorId: other.id, parentId: answered.id, body: "The reply stays.", ...approved } });

  await signIn(page, reader, "/account");
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Delete my account" });
  await form.getByLabel(/^Remove them/).check();
  await form.getByLabel("Your password").fill(PASSWORD);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your account has been deleted." })).toBeVisible();

  expect(await db.comment.findUnique({ where: { id: alone.id } })).toBeNull();
  expect(await db.comment.findUniqueOrThrow({ where: { id: answered.id } })).toMatchObject({ body: "", deletedAt: expect.any(Date) });

  const visitor = await browser.newContext();
  const tab = await visitor.newPage();
  await tab.goto(`/posts/${post.slug}`);
  await expect(tab.getByRole("article", { name: `Comment by ${other.name}` })).toContainText("The reply stays.");
  await expect(tab.getByText("Answered remark.")).toHaveCount(0);
  await expect(tab.getByText("Lonely remark.")).toHaveCount(0);
  await visitor.close();
});
