import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "./support/db";
import { callAction, callFormAction, commentFormToken } from "./support/actions";
import { createUser, signIn } from "./support/users";
import { openQueue } from "./support/queue";

async function pendingComment(postId: string, authorId: string, body = `Pending ${uniqueId()}`) {
  return db.comment.create({ data: { postId, authorId, body, status: "PENDING", termsVersion: 1 } });
}

test("a reader's pending comment is approved by a moderator and appears for everyone, raising the count", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const comment = await pendingComment(post.id, reader.id, "Worth publishing.");

  await signIn(page, moderator, "/moderation");
  await expect(page.getByRole("link", { name: /^Moderation \(\d+ pending\)$/ })).toBeVisible();
  await openQueue(page, post.slug);
  const item = page.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` });
  await expect(item).toContainText("Worth publishing.");
  await expect(item).toContainText(reader.email);
  await expect(item).toContainText("0 approved comments");
  await expect(item).toContainText("terms v1");
  await expect(page.getByRole("link", { name: "Pending (1)" })).toHaveAttribute("aria-current", "page");

  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toContainText(`Approved: comment by ${reader.name}.`);
  await expect(page.getByRole("link", { name: "Pending (0)" })).toBeVisible();

  const stored = await db.comment.findUniqueOrThrow({ where: { id: comment.id } });
  expect(stored).toMatchObject({ status: "APPROVED", decidedById: moderator.id });
  const events = await db.moderationEvent.findMany({ where: { commentId: comment.id } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ action: "APPROVE", moderatorId: moderator.id, postId: post.id });

  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  await anonymous.goto(`/posts/${post.slug}`);
  await expect(anonymous.getByRole("heading", { level: 2, name: `1 Response to “${post.title}”` })).toBeVisible();
  await expect(anonymous.getByRole("article", { name: `Comment by ${reader.name}` })).toContainText("Worth publishing.");
  await visitor.close();

  await page.goto(`/moderation/log?post=${post.slug}&action=APPROVE`);
  await expect(page.getByRole("row").filter({ hasText: "Worth publishing." })).toContainText(moderator.name);
});

test("a rejection with a reason keeps the comment off the page and its author sees the reason", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await pendingComment(post.id, reader.id, "Buy cheap pills here.");

  await signIn(page, moderator);
  await openQueue(page, post.slug);
  const item = page.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` });
  await item.getByRole("button", { name: "Reject" }).click();
  await item.getByLabel("Reason shown to the author (optional)").selectOption("Promotional or spam");
  await item.getByRole("button", { name: "Reject comment" }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Rejected" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rejected (1)" })).toBeVisible();

  const authorContext = await browser.newContext();
  const author = await authorContext.newPage();
  await signIn(author, reader, `/posts/${post.slug}`);
  await expect(author.getByRole("article", { name: `Comment by ${reader.name}` })).toContainText("Your comment was not published. Reason: Promotional or spam");
  await authorContext.close();

  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  await anonymous.goto(`/posts/${post.slug}`);
  await expect(anonymous.getByText("Buy cheap pills here.")).toHaveCount(0);
  await expect(anonymous.getByRole("heading", { level: 2, name: `No Responses to “${post.title}”` })).toBeVisible();
  await visitor.close();
});

test("bulk approve of three comments in one action", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const comments = await Promise.all([1, 2, 3].map((n) => pendingComment(post.id, reader.id, `Bulk ${n}`)));

  await signIn(page, moderator);
  await openQueue(page, post.slug);
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Approve selected (3)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toHaveText("Approved: 3 comments.");
  await expect(page.getByRole("article")).toHaveCount(0);
  const stored = await db.comment.findMany({ where: { id: { in: comments.map((comment) => comment.id) } } });
  expect(stored.map((comment) => comment.status)).toEqual(["APPROVED", "APPROVED", "APPROVED"]);
  expect(await db.moderationEvent.count({ where: { commentId: { in: comments.map((comment) => comment.id) }, action: "APPROVE" } })).toBe(3);
});

test("keyboard only: move with j/k, approve with a, reject with r", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const first = await pendingComment(post.id, reader.id, "First in line.");
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await pendingComment(post.id, reader.id, "Second in line.");

  await signIn(page, moderator);
  await openQueue(page, post.slug);
  await page.keyboard.press("?");
  await expect(page.getByRole("region", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("?");

  await page.keyboard.press("j");
  await expect(page.getByRole("article").filter({ hasText: "Second in line." })).toBeFocused();
  await page.keyboard.press("k");
  await expect(page.getByRole("article").filter({ hasText: "First in line." })).toBeFocused();
  await page.keyboard.press("a");
  await expect(page.getByRole("article").filter({ hasText: "First in line." })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toHaveText(`Approved: comment by ${reader.name}.`);
  // Focus moves on to the next comment, ready for the next decision.
  await expect(page.getByRole("article").filter({ hasText: "Second in line." })).toBeFocused();

  await page.keyboard.press("r");
  await expect(page.getByLabel("Reason shown to the author (optional)")).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("article")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Rejected" })).toHaveText(`Rejected: comment by ${reader.name}.`);

  expect((await db.comment.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("APPROVED");
  expect((await db.comment.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("REJECTED");
});

test("a decision already made by another moderator is reported, not repeated", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const other = await createUser({ role: "MODERATOR" });
  const comment = await pendingComment(post.id, reader.id);

  await signIn(page, moderator);
  await openQueue(page, post.slug);
  await db.comment.update({ where: { id: comment.id }, data: { status: "APPROVED", decidedById: other.id, decidedAt: new Date() } });
  await page.getByRole("article").getByRole("button", { name: "Trash" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Already" })).toHaveText(`Already approved by ${other.name}.`);
  expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe("APPROVED");
  expect(await db.moderationEvent.count({ where: { commentId: comment.id } })).toBe(0);
});

test("restore, edit with history, and search by text and author", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const spam = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Call me on 555-0100.", status: "SPAM" } });
  await pendingComment(post.id, reader.id, "Something unrelated.");

  await signIn(page, moderator);
  await openQueue(page, post.slug, "spam");
  const item = page.getByRole("article");
  await item.getByRole("button", { name: "Restore to pending" }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Restored" })).toHaveText(`Restored to pending: comment by ${reader.name}.`);

  await page.goto(`/moderation?tab=pending&post=${post.slug}&q=555`);
  await expect(page.getByRole("article")).toHaveCount(1);
  await page.getByRole("article").getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Comment text").fill("Call me on [number removed].");
  await page.getByLabel("Reason for the edit (optional)").fill("Personal data");
  await page.getByRole("button", { name: "Save edit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "edited" })).toHaveText(`Comment by ${reader.name} edited.`);
  await expect(page.getByRole("form", { name: /^Edit comment/ })).toHaveCount(0);
  await expect(page.getByRole("article")).toContainText("Call me on [number removed].");
  const revisions = await db.commentRevision.findMany({ where: { commentId: spam.id } });
  expect(revisions.map((revision) => revision.body)).toEqual(["Call me on 555-0100."]);
  expect(await db.moderationEvent.count({ where: { commentId: spam.id, action: { in: ["RESTORE", "EDIT"] } } })).toBe(2);

  await page.goto(`/moderation?tab=pending&post=${post.slug}&author=${encodeURIComponent(reader.email)}`);
  await expect(page.getByRole("article")).toHaveCount(2);
  await page.goto(`/moderation?tab=pending&post=${post.slug}&author=nobody-${uniqueId()}`);
  await expect(page.getByRole("article")).toHaveCount(0);
});

test("new pending comments are announced without reloading, pushed as a reader submits", async ({ page, browser, baseURL }) => {
  test.slow();
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await signIn(page, moderator);
  await openQueue(page, post.slug);
  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, reader);
  const terms = await db.termsVersion.findFirstOrThrow({ where: { effectiveAt: { lte: new Date() } }, orderBy: { version: "desc" } });
  const submitted = await callFormAction(readerPage.request, baseURL!, "app/_lib/actions/comments.ts", "submitComment", {
    postId: post.id,
    body: "Arrived while the moderator was looking.",
    acceptTerms: "on",
    termsVersion: String(terms.version),
    submissionKey: randomUUID(),
    formToken: await commentFormToken(readerPage, post.slug),
  });
  expect(await submitted.text()).toContain('"status":"success"');
  await readerContext.close();
  const showNew = page.getByRole("button", { name: "Show 1 new comment" });
  await expect(showNew).toBeVisible();
  await showNew.click();
  await expect(page.getByRole("article").filter({ hasText: "Arrived while the moderator was looking." })).toBeVisible();
});

test("a comment another moderator decides leaves the queue open on this one's screen", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const [first, second] = [await createUser({ role: "MODERATOR" }), await createUser({ role: "MODERATOR" })];
  await pendingComment(post.id, reader.id, "Read by two moderators at once.");
  await pendingComment(post.id, reader.id, "Left for later.");
  await signIn(page, first);
  await openQueue(page, post.slug);
  await expect(page.getByRole("article")).toHaveCount(2);

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, second);
  await openQueue(other, post.slug);
  await other.getByRole("article").filter({ hasText: "Read by two moderators at once." }).getByRole("button", { name: "Approve" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();
  await otherContext.close();

  await expect(page.getByRole("article").filter({ hasText: "Read by two moderators at once." })).toHaveCount(0);
  await expect(page.getByRole("article")).toHaveCount(1);
  await expect(page.getByText("1 comment decided by another moderator was taken off the list.")).toBeVisible();
});

test("readers get 403 at /moderation, signed-out visitors are sent to sign in", async ({ page, browser }) => {
  const reader = await createUser();
  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  await anonymous.goto("/moderation");
  await expect(anonymous).toHaveURL(/\/login\?callbackUrl=%2Fmoderation/);
  await visitor.close();

  await signIn(page, reader);
  await expect(page.getByRole("link", { name: /^Moderation/ })).toHaveCount(0);
  for (const path of ["/moderation", "/moderation/log"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You do not have access" })).toBeVisible();
  }
  const api = await page.request.get("/api/moderation/pending");
  expect(api.status()).toBe(403);
});

test("a reader calling the moderation actions directly is refused and nothing changes", async ({ page, baseURL }) => {
  const post = await createPost();
  const author = await createUser();
  const reader = await createUser();
  const comment = await pendingComment(post.id, author.id, "Not yours to approve.");
  await signIn(page, reader);

  for (const [name, args] of [
    ["decide", [{ commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }]],
    ["decideMany", [{ items: [{ commentId: comment.id, expectedStatus: "PENDING", expectedRevision: 1 }], decision: "SPAM" }]],
    ["editAsModeratorAction", [{ commentId: comment.id, body: "Rewritten by a reader." }]],
  ] as const) {
    const response = await callAction(page.request, baseURL!, "app/_lib/actions/moderation.ts", name, [...args]);
    expect(response.status(), name).toBe(200);
    expect(await response.text(), name).toContain("You do not have access.");
  }
  const stored = await db.comment.findUniqueOrThrow({ where: { id: comment.id } });
  expect(stored).toMatchObject({ status: "PENDING", body: "Not yours to approve.", decidedById: null });
  expect(await db.moderationEvent.count({ where: { commentId: comment.id } })).toBe(0);
  expect(await db.commentRevision.count({ where: { commentId: comment.id } })).toBe(0);

  // The same call from a moderator goes through, so the refusals above are the role check at work.
  const moderator = await createUser({ role: "MODERATOR" });
  await page.context().clearCookies();
  await signIn(page, moderator);
  await callAction(page.request, baseURL!, "app/_lib/actions/moderation.ts", "decide", [{ commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }]);
  expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe("APPROVED");
});

test("the queue opens with the backlog at a glance and a chart of decisions with a table for screen readers", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await pendingComment(post.id, reader.id, "Decide me today.");

  await signIn(page, moderator, "/moderation");
  await openQueue(page, post.slug);
  await page.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();

  // The overview may be a few seconds old: the decision shows in it once it is computed again.
  const glance = page.getByRole("region", { name: "At a glance" });
  await expect(async () => {
    await page.goto("/moderation");
    await glance.getByText("Decisions per day as a table").click();
    const cell = glance.getByRole("table", { name: "Decisions per day, last 30 days" }).getByRole("row").last().getByRole("cell").first();
    expect(Number(await cell.textContent())).toBeGreaterThanOrEqual(1);
  }).toPass({ intervals: [1_000, 2_000, 3_000], timeout: 15_000 });
  await expect(glance.getByRole("term").filter({ hasText: /^Pending$/ })).toBeVisible();
  await expect(glance.getByRole("definition").nth(2)).toHaveText(/ over \d[\d,]* decisions?$/);
  await expect(glance.getByRole("figure", { name: "Decisions per day, last 30 days" })).toBeVisible();
  const table = glance.getByRole("table", { name: "Decisions per day, last 30 days" });
  await expect(table.getByRole("row")).toHaveCount(31);
  const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  const approvedToday = await table.getByRole("row").last().getByRole("cell").first().textContent();
  await expect(table.getByRole("row").last().getByRole("rowheader")).toHaveText(today);
  expect(Number(approvedToday)).toBeGreaterThanOrEqual(1);
});
