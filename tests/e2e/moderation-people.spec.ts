import { expect, test } from "@playwright/test";
import { createPost, db } from "./support/db";
import { createUser, PASSWORD, signIn } from "./support/users";

test("a reader reports a comment; a moderator sees the report, dismisses one and rejects another", async ({ page, browser }) => {
  const post = await createPost();
  const writer = await createUser();
  const kept = await db.comment.create({ data: { postId: post.id, authorId: writer.id, body: "A fair point.", status: "APPROVED" } });
  const removed = await db.comment.create({ data: { postId: post.id, authorId: writer.id, body: "Stop taking your medicine.", status: "APPROVED" } });
  const reader = await createUser();

  await signIn(page, reader, `/posts/${post.slug}`);
  const target = page.getByRole("article").filter({ hasText: "Stop taking your medicine." });
  await target.getByRole("button", { name: `Report comment by ${writer.name}` }).click();
  await target.getByRole("button", { name: "Send report" }).click();
  await expect(target.getByLabel("Why are you reporting this comment?")).toHaveAccessibleDescription("Choose why you are reporting this comment.");
  await target.getByLabel("Why are you reporting this comment?").selectOption("Medical misinformation");
  await target.getByLabel("Details (optional, required for Other)").fill("Dangerous advice.");
  await target.getByRole("button", { name: "Send report" }).click();
  await expect(target.getByText("Thank you. The moderators will review this comment.")).toBeVisible();

  const other = page.getByRole("article").filter({ hasText: "A fair point." });
  await other.getByRole("button", { name: `Report comment by ${writer.name}` }).click();
  await other.getByLabel("Why are you reporting this comment?").selectOption("Off-topic");
  await other.getByRole("button", { name: "Send report" }).click();
  await expect(other.getByText("Thank you. The moderators will review this comment.")).toBeVisible();
  expect(await db.report.count({ where: { commentId: { in: [kept.id, removed.id] } } })).toBe(2);

  const moderatorContext = await browser.newContext();
  const moderatorPage = await moderatorContext.newPage();
  const moderator = await createUser({ role: "MODERATOR" });
  await signIn(moderatorPage, moderator);
  await moderatorPage.goto(`/moderation?tab=reported&post=${post.slug}`);
  await expect(moderatorPage.getByRole("link", { name: "Reported (2)" })).toBeVisible();
  const reported = moderatorPage.getByRole("article").filter({ hasText: "Stop taking your medicine." });
  await expect(reported.getByRole("list", { name: "Reports" })).toContainText(`Medical misinformation: “Dangerous advice.” (by ${reader.name}`);
  await reported.getByRole("button", { name: "Reject" }).click();
  await reported.getByRole("button", { name: "Reject comment" }).click();
  await expect(moderatorPage.getByRole("status").filter({ hasText: "Rejected" })).toBeVisible();

  const fair = moderatorPage.getByRole("article").filter({ hasText: "A fair point." });
  await fair.getByRole("button", { name: "Dismiss reports" }).click();
  await expect(moderatorPage.getByRole("status").filter({ hasText: "Reports dismissed" })).toBeVisible();
  await moderatorContext.close();

  expect((await db.comment.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe("APPROVED");
  expect((await db.comment.findUniqueOrThrow({ where: { id: removed.id } })).status).toBe("REJECTED");
  expect(await db.report.count({ where: { commentId: { in: [kept.id, removed.id] }, resolvedAt: null } })).toBe(0);
  expect(await db.moderationEvent.count({ where: { commentId: kept.id, action: "DISMISS_REPORTS" } })).toBe(1);
});

test("a moderator suspends and bans a reader with reasons; the reader sees why; an admin changes a role", async ({ page, browser }) => {
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await signIn(page, moderator);
  await page.goto(`/moderation/users?q=${encodeURIComponent(reader.email)}`);
  await page.getByRole("link", { name: reader.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: reader.name })).toBeVisible();
  await expect(page.getByRole("form", { name: "Role" })).toHaveCount(0);

  const suspend = page.getByRole("form", { name: "Suspend until" });
  await suspend.getByRole("button", { name: "Suspend" }).click();
  await expect(suspend.getByLabel("Suspended until")).toHaveAccessibleDescription("Pick the day the suspension ends.");
  await suspend.getByLabel("Suspended until").fill("2099-03-01");
  await suspend.getByLabel("Reason for suspend until").fill("Cooling off");
  await suspend.getByRole("button", { name: "Suspend" }).click();
  await expect(suspend.getByText(`${reader.name} is suspended until 2099-03-01.`)).toBeVisible();

  const post = await createPost();
  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, reader, `/posts/${post.slug}`);
  await expect(readerPage.getByText("Your account is suspended from commenting until March 1st, 2099. Reason: Cooling off")).toBeVisible();

  await page.reload();
  const ban = page.getByRole("form", { name: "Ban" });
  await ban.getByLabel("Reason for ban").fill("Abuse of other readers");
  await ban.getByRole("button", { name: "Ban" }).click();
  await expect(page.getByText("Standing: banned (reason: Abuse of other readers)")).toBeVisible();
  await expect(page.getByRole("form", { name: "Reinstate" })).toBeVisible();
  // A ban ends the reader's sessions; signing in again says why, and only to the password's holder.
  await readerPage.reload();
  await expect(readerPage.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Log in" })).toBeVisible();
  await readerPage.goto("/login");
  await readerPage.getByLabel("Email").fill(reader.email);
  await readerPage.getByLabel("Password").fill(PASSWORD);
  await readerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(readerPage.getByRole("main").getByRole("alert")).toHaveText("This account has been banned. Reason: Abuse of other readers");
  await expect(readerPage.getByText(`Signed in as ${reader.name}`)).toHaveCount(0);
  await readerContext.close();

  const events = await db.moderationEvent.findMany({ where: { subjectUserId: reader.id }, orderBy: { createdAt: "asc" } });
  expect(events.map((event) => [event.action, event.moderatorId, event.reason])).toEqual([
    ["SUSPEND", moderator.id, "Cooling off"],
    ["BAN", moderator.id, "Abuse of other readers"],
  ]);

  const admin = await createUser({ role: "ADMIN" });
  await page.context().clearCookies();
  await signIn(page, admin, `/moderation/users/${reader.id}`);
  const role = page.getByRole("form", { name: "Role" });
  await role.getByLabel("New role").selectOption("MODERATOR");
  await role.getByLabel("Reason for role").fill("Joined the team");
  await role.getByRole("button", { name: "Change role" }).click();
  await expect(role.getByText(`${reader.name} is now moderator.`)).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: reader.id } })).role).toBe("MODERATOR");
});

test("an admin adds a post, closes its comments, and the post page shows it", async ({ page }) => {
  const admin = await createUser({ role: "ADMIN" });
  await signIn(page, admin, "/moderation/posts/new");
  await page.getByRole("button", { name: "Publish post" }).click();
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription("Give the post a title.");

  const title = `Statins in the elderly ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Body (Markdown)").fill("## Background\n\nA *new* trial.");
  await page.getByRole("button", { name: "Publish post" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Background" })).toBeVisible();

  await page.goto("/moderation/posts");
  await page.getByRole("button", { name: `Close comments on ${title}` }).click();
  await expect(page.getByRole("button", { name: `Open comments on ${title}` })).toBeVisible();
  const post = await db.post.findFirstOrThrow({ where: { title } });
  await page.goto(`/posts/${post.slug}`);
  await expect(page.getByRole("region", { name: "Leave a Reply" }).getByText("Comments are closed.")).toBeVisible();
  expect(await db.moderationEvent.count({ where: { postId: post.id, action: { in: ["POST_CREATE", "POST_EDIT"] } } })).toBe(2);
});
