import { expect, test } from "@playwright/test";
import { createPost, db, uniqueId } from "./support/db";
import { expectNoAxeViolations } from "./support/axe";
import { createUser, signIn } from "./support/users";
import { openQueue } from "./support/queue";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function pendingComment(postId: string, authorId: string, body: string, extra: { parentId?: string; createdAt?: Date } = {}) {
  return db.comment.create({ data: { postId, authorId, body, status: "PENDING", termsVersion: 1, ...extra } });
}

const statusOf = async (id: string) => (await db.comment.findUniqueOrThrow({ where: { id } })).status;
const mailTo = (userId: string) => db.outboxMessage.findMany({ where: { userId, kind: { in: ["approved", "rejected"] } } });

for (const width of [1280, 360] as const) {
  test(`the workspace at ${width} px: ${width === 1280 ? "list and context side by side, the header on one line" : "one column"}, axe clean`, async ({ page }) => {
    // The same words and times on every run, so the picture can be compared with its baseline.
    const post = await createPost({ title: `Workspace at ${width} px`, slug: `workspace-${width}-${uniqueId()}` });
    const now = Date.now();
    const emails = [`ada-${width}@example.org`, `ben-${width}@example.org`];
    // A database used for an earlier run keeps these people: they start again from nothing.
    await db.comment.deleteMany({ where: { author: { email: { in: emails } } } });
    await db.user.deleteMany({ where: { email: { in: emails } } });
    const ada = await db.user.create({ data: { name: "Ada Reader", email: emails[0]!, createdAt: new Date(now - 400 * DAY) } });
    const ben = await db.user.create({ data: { name: "Ben Reader", email: emails[1]!, createdAt: new Date(now - 3 * DAY) } });
    const parent = await db.comment.create({ data: { postId: post.id, authorId: ada.id, body: "Does the guideline still advise against routine imaging?", status: "APPROVED", createdAt: new Date(now - 5 * HOUR) } });
    await pendingComment(post.id, ben.id, "It does, unless red flags are present.", { parentId: parent.id, createdAt: new Date(now - 3 * HOUR) });
    await pendingComment(post.id, ada.id, "Thank you, that is what our clinic does too.", { createdAt: new Date(now - 2 * HOUR) });
    const moderator = await createUser({ role: "MODERATOR" });

    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
    await signIn(page, moderator, "/");
    await openQueue(page, post.slug);
    const context = page.getByRole("complementary", { name: "Context of the selected comment" });
    if (width === 1280) await expect(context.getByRole("heading", { level: 3, name: "Ben Reader" })).toBeVisible();
    else await expect(page.getByRole("article").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    await page.evaluate(() => document.fonts.ready);
    // The overview above sums every test's decisions: its height would move the workspace by a
    // fraction of a pixel, and every glyph with it.
    await page.locator(".dashboard").evaluate((overview: HTMLElement) => (overview.style.display = "none"));
    await expect(page.locator(".workspace")).toHaveScreenshot(`workspace-${width}.png`, {
      animations: "disabled",
      caret: "hide",
      // What depends on the day the test runs.
      mask: [page.locator(".workspace time")],
      threshold: 0.2,
      maxDiffPixelRatio: 0.01,
    });
    await expectNoAxeViolations(page, `workspace at ${width} px`);

    const list = page.getByRole("list").filter({ has: page.getByRole("article") });
    const listBox = (await list.boundingBox())!;
    // The filters come before the list, on the screen and in the page's order.
    const filters = page.getByRole("form", { name: "Filter the queue" });
    expect(await filters.evaluate((form, listElement) => Boolean(form.compareDocumentPosition(listElement!) & Node.DOCUMENT_POSITION_FOLLOWING), await list.elementHandle())).toBe(true);
    if (width === 1280) {
      const contextBox = (await context.boundingBox())!;
      // The queue uses the width: the list and its context side by side, wider than a reading column.
      expect(contextBox.x).toBeGreaterThanOrEqual(listBox.x + listBox.width);
      expect(listBox.width + contextBox.width).toBeGreaterThan(1000);
      // The header never wraps: its links share one line.
      const tops = await page.getByRole("navigation", { name: "Site" }).getByRole("listitem").evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
      expect(new Set(tops).size).toBe(1);
      // The moderation navigation stays in reach while the list scrolls.
      await page.mouse.wheel(0, 2000);
      await expect(page.getByRole("navigation", { name: "Moderation" })).toBeInViewport();
      await expect(context).toBeInViewport();
      await page.mouse.wheel(0, -2000);
    } else {
      // Phones keep one column: the filters above the list, no context panel beside it.
      expect((await filters.boundingBox())!.y + (await filters.boundingBox())!.height).toBeLessThanOrEqual(listBox.y);
      await expect(context).toBeHidden();
    }
  });
}

test("the context panel: what the comment answers, where it sits, and its author's record with actions at hand", async ({ page }) => {
  const post = await createPost();
  const asker = await createUser();
  const author = await createUser();
  const reporter = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const parent = await db.comment.create({ data: { postId: post.id, authorId: asker.id, body: "Is an MRI needed at six weeks?", status: "APPROVED", termsVersion: 1 } });
  await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "An earlier approved remark.", status: "APPROVED", termsVersion: 1 } });
  await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "Buy cheap pills here.", status: "SPAM", termsVersion: 1 } });
  const rejected = await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "A rude remark.", status: "REJECTED", rejectionReason: "Personal attack or incivility", decidedById: moderator.id, termsVersion: 1 } });
  const published = await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "A published remark someone reported.", status: "APPROVED", termsVersion: 1 } });
  await db.report.create({ data: { commentId: published.id, reporterId: reporter.id, reason: "OFF_TOPIC", text: "Nothing to do with sciatica" } });
  const reply = await pendingComment(post.id, author.id, "Only with red flags.", { parentId: parent.id });

  await signIn(page, moderator, "/");
  await openQueue(page, post.slug);
  const context = page.getByRole("complementary", { name: "Context of the selected comment" });
  await expect(context.getByText(`In reply to ${asker.name} (published)`)).toBeVisible();
  await expect(context.getByText("Is an MRI needed at six weeks?")).toBeVisible();
  const record = context.getByRole("region", { name: author.name });
  await expect(record.getByText("Standing: in good standing")).toBeVisible();
  await expect(record.getByRole("definition")).toHaveText(["2", "1", "1", "1"]);
  await expect(record.getByText(`rejected by ${moderator.name} (Personal attack or incivility)`)).toBeVisible();
  await expect(record.getByText("1 report, 1 open.")).toBeVisible();
  await expect(record.getByText("Off-topic: “Nothing to do with sciatica”")).toBeVisible();
  expect(rejected.status).toBe("REJECTED");

  // The user actions are one click away.
  await record.getByText("Act on this account").click();
  const premoderate = record.getByRole("form", { name: "Always pre-moderate" });
  await premoderate.getByLabel("Hold every comment from this user").check();
  await premoderate.getByLabel("Reason for always pre-moderate").fill("Reported before");
  await premoderate.getByRole("button", { name: "Save pre-moderation" }).click();
  await expect(premoderate.getByText(`Every comment from ${author.name} will be held.`)).toBeVisible();
  await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { id: author.id } })).alwaysPremoderate).toBe(true);

  // Its place in the thread: the post, at the comment, where a moderator sees it pending.
  await context.getByRole("link", { name: "See it in the thread" }).click();
  await expect(page).toHaveURL(new RegExp(`/posts/${post.slug}#comment-${reply.id}$`));
  await expect(page.locator(`#comment-${reply.id}`).getByText("Pending: awaiting your review.", { exact: false })).toBeVisible();
});

test("a decision on a comment shows in the context of its replies and of its author's other comments", async ({ page }) => {
  const post = await createPost();
  const asker = await createUser();
  const replier = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const now = Date.now();
  const question = await db.comment.create({ data: { postId: post.id, authorId: asker.id, body: "Is an MRI needed at six weeks?", status: "APPROVED", termsVersion: 1, createdAt: new Date(now - 3 * HOUR) } });
  await db.comment.create({ data: { postId: post.id, authorId: asker.id, body: "Another question of mine.", status: "APPROVED", termsVersion: 1, createdAt: new Date(now - 2 * HOUR) } });
  await db.comment.create({ data: { postId: post.id, authorId: replier.id, body: "Only with red flags.", status: "APPROVED", termsVersion: 1, parentId: question.id, createdAt: new Date(now - HOUR) } });

  await signIn(page, moderator, "/");
  // The approved tab, newest first: the reply, the asker's other question, then the question.
  await openQueue(page, post.slug, "approved");
  const context = page.getByRole("complementary", { name: "Context of the selected comment" });
  await expect(context.getByText(`In reply to ${asker.name} (published)`)).toBeVisible();
  await page.keyboard.press("j");
  await expect(context.getByRole("region", { name: asker.name }).getByRole("definition")).toHaveText(["2", "0", "0", "0"]);
  await page.keyboard.press("j");
  await expect(page.getByRole("article", { name: `Comment by ${asker.name} on ${post.title}` }).last()).toBeFocused();
  await page.keyboard.press("s");
  await expect.poll(() => statusOf(question.id)).toBe("SPAM");

  // Focus went back to the asker's other question: their record counts the spam now.
  await expect(context.getByRole("region", { name: asker.name }).getByRole("definition")).toHaveText(["1", "0", "1", "0"]);
  await page.keyboard.press("k");
  await expect(context.getByText(`In reply to ${asker.name} (spam)`)).toBeVisible();
});

test("undo: a decision taken back within ten seconds restores the comment and sends no email; after the window the email is queued", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const first = await pendingComment(post.id, reader.id, "Taken back in time.");
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await pendingComment(post.id, reader.id, "Left approved.");

  await signIn(page, moderator, "/");
  await openQueue(page, post.slug);
  await page.keyboard.press("a");
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toHaveText(`Approved: comment by ${reader.name}.`);
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
  await expect.poll(() => statusOf(first.id)).toBe("APPROVED");
  const queued = await mailTo(reader.id);
  expect(queued).toHaveLength(1);
  expect(queued[0]!.notBefore!.getTime()).toBeGreaterThan(Date.now());

  await page.keyboard.press("z");
  await expect(page.getByRole("status").filter({ hasText: "Undone" })).toHaveText(`Undone: the comment by ${reader.name} is back.`);
  await expect(page.getByRole("article").filter({ hasText: "Taken back in time." })).toBeFocused();
  expect(await statusOf(first.id)).toBe("PENDING");
  expect(await mailTo(reader.id)).toHaveLength(0);
  expect(await db.moderationEvent.count({ where: { commentId: first.id, action: "UNDO", moderatorId: moderator.id } })).toBe(1);

  // The second decision is left alone: after the window its Undo is gone, and its email waits no more.
  await page.keyboard.press("j");
  await page.keyboard.press("a");
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0, { timeout: 12_000 });
  const [mail] = await mailTo(reader.id);
  expect(mail).toMatchObject({ kind: "approved", status: "QUEUED" });
  // Once the server's window has closed too, nothing takes the decision back.
  await page.waitForTimeout(Math.max(0, mail!.notBefore!.getTime() - Date.now() + 100));
  await page.keyboard.press("z");
  expect(await statusOf(second.id)).toBe("APPROVED");
  expect(await mailTo(reader.id)).toHaveLength(1);
});

test("two decisions in a row are taken back one after the other with z", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const first = await pendingComment(post.id, reader.id, "Decided first.");
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await pendingComment(post.id, reader.id, "Decided second.");

  await signIn(page, moderator, "/");
  await openQueue(page, post.slug);
  await page.keyboard.press("a");
  await expect(page.getByRole("article").filter({ hasText: "Decided second." })).toBeFocused();
  await page.keyboard.press("s");
  await expect(page.getByRole("article")).toHaveCount(0);
  await expect.poll(() => statusOf(second.id)).toBe("SPAM");
  // z takes back what the notice names; it names the second decision once the page has its answer.
  await expect(page.getByRole("status").filter({ hasText: `Marked as spam: comment by ${reader.name}.` })).toBeVisible();
  await page.keyboard.press("z");
  await expect(page.getByRole("article").filter({ hasText: "Decided second." })).toBeVisible();
  await page.keyboard.press("z");
  await expect(page.getByRole("article")).toHaveCount(2);
  await expect.poll(() => statusOf(first.id)).toBe("PENDING");
  expect(await statusOf(second.id)).toBe("PENDING");
});

test("undo of a bulk decision brings every comment back", async ({ page }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const comments = [];
  for (const body of ["Bulk one.", "Bulk two.", "Bulk three."]) comments.push(await pendingComment(post.id, reader.id, body));

  await signIn(page, moderator, "/");
  await openQueue(page, post.slug);
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Spam selected (3)" }).click();
  await expect(page.getByRole("article")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "spam" })).toHaveText("Marked as spam: 3 comments.");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("article")).toHaveCount(3);
  await expect(page.getByRole("status").filter({ hasText: "Undone" })).toHaveText("Undone: 3 comments are back.");
  for (const comment of comments) expect(await statusOf(comment.id)).toBe("PENDING");
});

test("moderate in place: a moderator decides on pending comments in the thread; readers and visitors see nothing of them", async ({ page, browser }) => {
  const post = await createPost();
  const author = await createUser();
  const otherReader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const parent = await db.comment.create({ data: { postId: post.id, authorId: otherReader.id, body: "A published question.", status: "APPROVED", termsVersion: 1 } });
  const reply = await pendingComment(post.id, author.id, "A pending answer in its place.", { parentId: parent.id });
  const later = await pendingComment(post.id, author.id, "A pending remark at the end.");

  await signIn(page, moderator, `/posts/${post.slug}`);
  await expect(page.getByText("2 comments on this post await review", { exact: false })).toBeVisible();
  const replyItem = page.locator(`#comment-${reply.id}`);
  await expect(replyItem.getByText("Pending: awaiting your review. Readers do not see this comment.")).toBeVisible();
  // It sits under the comment it answers.
  await expect(page.locator(`#comment-${parent.id}`).locator(`#comment-${reply.id}`)).toHaveCount(1);
  const moderateReply = page.getByRole("group", { name: `Moderate comment by ${author.name}` }).first();
  await moderateReply.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toHaveText("Approved: readers see it now.");
  await expect.poll(() => statusOf(reply.id)).toBe("APPROVED");

  const laterItem = page.locator(`#comment-${later.id}`);
  await laterItem.getByRole("button", { name: "Reject" }).click();
  await laterItem.getByLabel("Reason shown to the author (optional)").selectOption("Off-topic");
  await laterItem.getByRole("button", { name: "Reject comment" }).click();
  await expect(laterItem.getByRole("status")).toHaveText("Rejected.");
  await expect.poll(() => statusOf(later.id)).toBe("REJECTED");
  expect((await db.comment.findUniqueOrThrow({ where: { id: later.id } })).rejectionReason).toBe("Off-topic");

  // A reader and a visitor: the published reply, nothing pending, no moderation controls.
  const pendingOne = await pendingComment(post.id, author.id, "Still waiting for a moderator.");
  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, otherReader, `/posts/${post.slug}`);
  const visitorContext = await browser.newContext();
  const visitorPage = await visitorContext.newPage();
  await visitorPage.goto(`/posts/${post.slug}`);
  for (const someone of [readerPage, visitorPage]) {
    await expect(someone.getByText("A pending answer in its place.")).toBeVisible();
    await expect(someone.getByText("Still waiting for a moderator.")).toHaveCount(0);
    await expect(someone.getByText("A pending remark at the end.")).toHaveCount(0);
    await expect(someone.getByRole("group", { name: /^Moderate comment/ })).toHaveCount(0);
    await expect(someone.getByText(/await review/)).toHaveCount(0);
  }
  await readerContext.close();
  await visitorContext.close();
  expect(await statusOf(pendingOne.id)).toBe("PENDING");
});

test("per-post queues: each post's pending count links to its filtered queue", async ({ page }) => {
  const post = await createPost({ title: `Per-post queue ${uniqueId()}` });
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await pendingComment(post.id, reader.id, "First waiting here.");
  await pendingComment(post.id, reader.id, "Second waiting here.");

  await signIn(page, moderator, "/moderation/posts");
  await page.getByRole("link", { name: `2 pending on ${post.title}: open its queue` }).click();
  await expect(page).toHaveURL(new RegExp(`/moderation\\?post=${post.slug}$`));
  await expect(page.getByRole("article")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Pending (2)" })).toBeVisible();
  // Moderators see the queues; adding and editing posts stays with admins.
  await page.goto("/moderation/posts");
  await expect(page.getByRole("link", { name: "Add a post" })).toHaveCount(0);
});
