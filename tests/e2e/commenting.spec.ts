import { expect, test, type Page } from "@playwright/test";
import { createPost, db } from "./support/db";
import { createUser, signIn } from "./support/users";

const replyRegion = (page: Page) => page.getByRole("region", { name: "Leave a Reply" });

test("a reader comments: terms are required, then the comment waits for moderation, seen only by its author", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  await signIn(page, reader, `/posts/${post.slug}`);
  const form = replyRegion(page);

  await form.getByLabel("Comment", { exact: true }).fill("A thoughtful remark about the study.");
  await form.getByRole("button", { name: "Post Comment" }).click();
  const terms = form.getByLabel("I have read and agree to the Terms and Conditions");
  await expect(terms).toHaveAccessibleDescription("Tick the box to agree to the Terms and Conditions before posting.");
  await expect(form.getByLabel("Comment", { exact: true })).toHaveValue("A thoughtful remark about the study.");
  expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);

  await expect(terms).toHaveAccessibleName(/\(version \d+\)/);
  await terms.check();
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  await expect(form.getByLabel("Comment", { exact: true })).toHaveValue("");

  const mine = page.getByRole("article", { name: `Comment by ${reader.name}` });
  await expect(mine).toContainText("Your comment is awaiting moderation.");
  await expect(mine).toContainText("A thoughtful remark about the study.");
  await expect(page.getByRole("heading", { level: 2, name: `No Responses to “${post.title}”` })).toBeVisible();

  const stored = await db.comment.findMany({ where: { postId: post.id } });
  expect(stored).toHaveLength(1);
  const current = await db.termsVersion.findFirstOrThrow({ where: { effectiveAt: { lte: new Date() } }, orderBy: { version: "desc" } });
  expect(stored[0]).toMatchObject({ status: "PENDING", authorId: reader.id, termsVersion: current.version });
  expect(stored[0]!.termsAcceptedAt).not.toBeNull();
  expect(await db.termsAcceptance.count({ where: { userId: reader.id, version: current.version } })).toBe(1);

  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  await anonymous.goto(`/posts/${post.slug}`);
  await expect(anonymous.getByRole("heading", { level: 2, name: `No Responses to “${post.title}”` })).toBeVisible();
  await expect(anonymous.getByText("A thoughtful remark about the study.")).toHaveCount(0);
  await visitor.close();
});

test("empty, whitespace-only and over-long comments are refused at the field, storing nothing", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  await signIn(page, reader, `/posts/${post.slug}`);
  const form = replyRegion(page);
  const body = form.getByLabel("Comment", { exact: true });
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();

  await body.fill("   \n\t  ");
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(body).toHaveAccessibleDescription(/Write your comment before posting it\./);

  // The browser's maxlength stops typing; a pasted or scripted value can still arrive.
  await body.evaluate((element: HTMLTextAreaElement) => {
    element.removeAttribute("maxlength");
    element.value = "x".repeat(5001);
  });
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByLabel("Comment", { exact: true })).toHaveAccessibleDescription(/at most 5,000 characters; yours has 5,001\./);
  expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);
});

test("a reply is threaded under the comment it answers and waits for moderation", async ({ page }) => {
  const post = await createPost();
  const parent = await db.comment.create({ data: { postId: post.id, guestName: "Grace Guest", body: "The original point.", status: "APPROVED" } });
  const reader = await createUser();
  await signIn(page, reader, `/posts/${post.slug}`);

  const original = page.getByRole("article", { name: "Comment by Grace Guest" });
  await original.getByRole("button", { name: "Reply to Grace Guest" }).click();
  const replyForm = page.getByRole("form", { name: "Reply to Grace Guest" });
  await expect(replyForm.getByLabel("Reply to Grace Guest")).toBeFocused();
  await replyForm.getByRole("button", { name: "Cancel reply" }).click();
  await expect(replyForm).toHaveCount(0);

  await original.getByRole("button", { name: "Reply to Grace Guest" }).click();
  await replyForm.getByLabel("Reply to Grace Guest").fill("A reply to the original point.");
  await replyForm.getByLabel("I have read and agree to the Terms and Conditions").check();
  await replyForm.getByRole("button", { name: "Post Reply" }).click();
  await expect(replyForm.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();

  const thread = page.locator(`#comment-${parent.id}`);
  await expect(thread.getByRole("article", { name: `Comment by ${reader.name}` })).toContainText("Your comment is awaiting moderation.");
  const stored = await db.comment.findFirstOrThrow({ where: { postId: post.id, authorId: reader.id } });
  expect(stored).toMatchObject({ parentId: parent.id, status: "PENDING" });
});

test("a double click and a retried request store exactly one comment", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  await signIn(page, reader, `/posts/${post.slug}`);
  const form = replyRegion(page);

  // Every form submission reaches the server twice, as a flaky network's retry would.
  await page.route(`**/posts/${post.slug}`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await route.fetch();
    await route.continue();
  });
  await form.getByLabel("Comment", { exact: true }).fill("Said once, sent many times.");
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();
  await form.getByRole("button", { name: "Post Comment" }).dblclick();
  await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  await expect(page.getByRole("article", { name: `Comment by ${reader.name}` })).toHaveCount(1);
  expect(await db.comment.count({ where: { postId: post.id } })).toBe(1);
});

test("flood control: a second comment within the interval is refused with the wait", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Just now.", status: "PENDING" } });
  await signIn(page, reader, `/posts/${post.slug}`);
  const form = replyRegion(page);
  await form.getByLabel("Comment", { exact: true }).fill("Too soon.");
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText(/You are posting too quickly\. You can post again in \d+ seconds?\./)).toBeVisible();
  expect(await db.comment.count({ where: { postId: post.id } })).toBe(1);
});

test("a reader banned after the page loaded is refused, sees why, and nothing is stored", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  await signIn(page, reader, `/posts/${post.slug}`);
  const form = replyRegion(page);
  await form.getByLabel("Comment", { exact: true }).fill("Posting after my ban.");
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();
  await db.user.update({ where: { id: reader.id }, data: { status: "BANNED", statusReason: "Repeated abuse" } });
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText("Your account has been banned from commenting. Reason: Repeated abuse")).toBeVisible();
  expect(await db.comment.count({ where: { postId: post.id } })).toBe(0);

  await page.reload();
  await expect(replyRegion(page).getByText("Your account has been banned from commenting. Reason: Repeated abuse")).toBeVisible();
  await expect(replyRegion(page).getByLabel("Comment", { exact: true })).toHaveCount(0);
});

test("a suspended reader sees until when; a closed post shows no form", async ({ page }) => {
  const post = await createPost();
  const closed = await createPost({ commentsOpen: false });
  const reader = await createUser({ status: "SUSPENDED", suspendedUntil: new Date("2099-01-02T00:00:00Z") });
  await signIn(page, reader, `/posts/${post.slug}`);
  await expect(replyRegion(page).getByText("Your account is suspended from commenting until January 2nd, 2099.")).toBeVisible();

  await page.goto(`/posts/${closed.slug}`);
  await expect(replyRegion(page).getByText("Comments are closed.")).toBeVisible();
  await expect(replyRegion(page).getByLabel("Comment", { exact: true })).toHaveCount(0);
});

test("an author edits and deletes their own pending comment", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const comment = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Frist draft.", status: "PENDING" } });
  await signIn(page, reader, `/posts/${post.slug}`);
  const mine = page.getByRole("article", { name: `Comment by ${reader.name}` });

  await mine.getByRole("button", { name: "Edit" }).click();
  await mine.getByLabel("Edit your comment").fill("First draft, corrected.");
  await mine.getByRole("button", { name: "Save changes" }).click();
  await expect(mine.locator(".comment__body")).toHaveText("First draft, corrected.");
  const revisions = await db.commentRevision.findMany({ where: { commentId: comment.id } });
  expect(revisions.map((revision) => revision.body)).toEqual(["Frist draft."]);

  await mine.getByRole("button", { name: "Delete" }).click();
  await mine.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(mine).toHaveCount(0);
  expect(await db.comment.count({ where: { id: comment.id } })).toBe(0);
});

test("deleting a published comment with replies keeps the thread's shape", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const comment = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Published words.", status: "APPROVED" } });
  await db.comment.create({ data: { postId: post.id, parentId: comment.id, guestName: "Replier", body: "An answer.", status: "APPROVED" } });
  await signIn(page, reader, `/posts/${post.slug}`);
  const mine = page.getByRole("article", { name: `Comment by ${reader.name}` });
  await mine.getByRole("button", { name: "Delete" }).click();
  await mine.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page.getByText("This comment was deleted.")).toBeVisible();
  await expect(page.getByText("Published words.")).toHaveCount(0);
  await expect(page.getByRole("article", { name: "Comment by Replier" })).toContainText("An answer.");
  await expect(page.getByRole("heading", { level: 2, name: `1 Response to “${post.title}”` })).toBeVisible();
});
