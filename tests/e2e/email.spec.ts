import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { createPost, db, uniqueId } from "./support/db";
import { linkIn, readOutbox } from "./support/outbox";
import { createUser, signIn } from "./support/users";

test("a reader hears by email that a moderator approved their comment, and the link opens it", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const body = `Approved words ${uniqueId()}`;
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body, status: "PENDING", termsVersion: 1 } });

  await signIn(page, moderator, `/moderation?post=${post.slug}`);
  await page.goto(`/moderation?post=${post.slug}`);
  await page.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();

  const [email] = await readOutbox(browser, reader.email);
  expect(email!.subject).toBe(`Your comment on "${post.title}" is published`);
  expect(email!.text).toContain(body);
  expect(email!.listUnsubscribe).toMatch(/^<http.+\/unsubscribe\/now\?token=[\w-]+\.[\w-]+>$/);
  expect(email!.text).toContain(email!.listUnsubscribe.slice(1, -1));

  const visitor = await browser.newContext();
  const tab = await visitor.newPage();
  await tab.goto(linkIn(email!.text, `/posts/${post.slug}#comment-`));
  await expect(tab.getByRole("article", { name: `Comment by ${reader.name}` })).toContainText(body);
  await visitor.close();
});

test("a rejected comment's author is emailed the moderator's reason", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Cure-all pills, cheap.", status: "PENDING", termsVersion: 1 } });

  await signIn(page, moderator, `/moderation?post=${post.slug}`);
  await page.goto(`/moderation?post=${post.slug}`);
  const item = page.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` });
  await item.getByRole("button", { name: "Reject" }).click();
  await item.getByLabel("Reason shown to the author (optional)").selectOption("other");
  await item.getByLabel("Other reason").fill("Medical claims without a source.");
  await item.getByRole("button", { name: "Reject comment" }).click();
  await expect(item).toHaveCount(0);

  const [email] = await readOutbox(browser, reader.email);
  expect(email!.subject).toBe(`Your comment on "${post.title}" was not published`);
  expect(email!.text).toContain("The moderator's reason: Medical claims without a source.");
});

test("a reader who asked to be notified hears of an approved reply, and unsubscribes from the email's link without signing in", async ({ page, browser }) => {
  // Four people sign in, two emails are read and two pages go through axe: the longest journey.
  test.slow();
  const post = await createPost();
  const asker = await createUser();
  const replier = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });

  // The asker comments through the form, ticking the notify box; a moderator publishes it.
  await signIn(page, asker, `/posts/${post.slug}`);
  const form = page.getByRole("region", { name: "Leave a Reply" });
  await form.getByLabel("Comment", { exact: true }).fill("Does MRI change management at follow-up?");
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();
  await form.getByLabel("Notify me of follow-up comments by email").check();
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  const question = await db.comment.findFirstOrThrow({ where: { postId: post.id, authorId: asker.id } });
  expect(question.notifyReplies).toBe(true);
  await db.comment.update({ where: { id: question.id }, data: { status: "APPROVED", decidedAt: new Date(), decidedById: moderator.id } });

  const replying = await browser.newContext();
  const replierPage = await replying.newPage();
  await signIn(replierPage, replier, `/posts/${post.slug}`);
  await replierPage.getByRole("article", { name: `Comment by ${asker.name}` }).getByRole("button", { name: `Reply to ${asker.name}` }).click();
  const replyForm = replierPage.getByRole("form", { name: `Reply to ${asker.name}` });
  await replyForm.getByLabel(`Reply to ${asker.name}`).fill("In our clinic it rarely did.");
  await replyForm.getByLabel("I have read and agree to the Terms and Conditions").check();
  await replyForm.getByRole("button", { name: "Post Reply" }).click();
  await expect(replyForm.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  await replying.close();

  const moderating = await browser.newContext();
  const moderatorPage = await moderating.newPage();
  await signIn(moderatorPage, moderator, `/moderation?post=${post.slug}`);
  await moderatorPage.goto(`/moderation?post=${post.slug}`);
  await moderatorPage.getByRole("article", { name: `Comment by ${replier.name} on ${post.title}` }).getByRole("button", { name: "Approve" }).click();
  await expect(moderatorPage.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();
  await moderating.close();

  const emails = await readOutbox(browser, asker.email);
  const reply = emails.find((email) => email.subject === `New reply to your comment on "${post.title}"`);
  expect(reply?.text).toContain(`${replier.name} replied to your comment`);
  expect(reply?.text).toContain("In our clinic it rarely did.");

  // The email's link, opened in a browser with no session, only asks: nothing changes until the
  // reader presses Unsubscribe (here from the keyboard); then Undo is offered.
  const stranger = await browser.newContext();
  const tab = await stranger.newPage();
  await tab.goto(linkIn(reply!.text, "/unsubscribe/now?token="));
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText("Turn off emails about replies to one of your comments?");
  expect((await db.comment.findUniqueOrThrow({ where: { id: question.id } })).notifyReplies).toBe(true);
  await expectNoAxeViolations(tab, "unsubscribe confirmation page");
  const confirm = tab.getByRole("button", { name: "Unsubscribe" });
  await confirm.focus();
  await tab.keyboard.press("Enter");
  await expect(tab.getByText("Done. You will no longer receive emails about replies to one of your comments.")).toBeVisible();
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText("You are unsubscribed");
  await expect(tab.getByRole("main").getByRole("status")).toHaveText("You will no longer receive emails about replies to one of your comments.");
  expect((await db.comment.findUniqueOrThrow({ where: { id: question.id } })).notifyReplies).toBe(false);
  await expectNoAxeViolations(tab, "unsubscribed page");
  await tab.getByRole("button", { name: "Undo: subscribe again" }).click();
  await expect(tab.getByText("Done. You will receive emails about replies to one of your comments again.")).toBeVisible();
  expect((await db.comment.findUniqueOrThrow({ where: { id: question.id } })).notifyReplies).toBe(true);
  await tab.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(tab.getByText("Done. You will no longer receive emails about replies to one of your comments.")).toBeVisible();
  await stranger.close();
  expect((await db.comment.findUniqueOrThrow({ where: { id: question.id } })).notifyReplies).toBe(false);
});

test("the List-Unsubscribe header's one-click POST turns decision emails off; a forged token changes nothing", async ({ request, page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Publish me.", status: "PENDING", termsVersion: 1 } });
  await signIn(page, moderator);
  await page.goto(`/moderation?post=${post.slug}`);
  await page.getByRole("article", { name: `Comment by ${reader.name} on ${post.title}` }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();

  const [email] = await readOutbox(browser, reader.email);
  const oneClick = new URL(email!.listUnsubscribe.slice(1, -1));
  const link = `${oneClick.pathname}${oneClick.search}`;
  const decisionEmails = async () => (await db.user.findUniqueOrThrow({ where: { id: reader.id } })).notifyOnDecision;

  // A mail scanner fetches every link in a message, following redirects: that changes nothing.
  const scanned = await request.get(link);
  expect(scanned.status()).toBe(200);
  expect(await scanned.text()).toContain("Nothing has changed yet.");
  expect((await request.get(link, { maxRedirects: 0 })).status()).toBe(303);
  expect(await decisionEmails()).toBe(true);

  // A POST without the RFC 8058 body is not a one-click request either.
  expect((await request.post(link)).status()).toBe(400);
  expect(await decisionEmails()).toBe(true);

  const [body, mac] = oneClick.searchParams.get("token")!.split(".");
  const forged = `${oneClick.pathname}?token=${body}.${mac![0] === "A" ? "B" : "A"}${mac!.slice(1)}`;
  const refused = await request.post(forged, { form: { "List-Unsubscribe": "One-Click" } });
  expect(refused.status()).toBe(400);
  expect(await decisionEmails()).toBe(true);

  // The one-click POST: no cookies, no Origin, the body RFC 8058 prescribes.
  const accepted = await request.post(link, { form: { "List-Unsubscribe": "One-Click" } });
  expect(accepted.status()).toBe(200);
  expect(await accepted.text()).toBe("Unsubscribed from emails when a moderator approves or rejects your comments.");
  expect(await decisionEmails()).toBe(false);

  const invalid = await browser.newContext();
  const tab = await invalid.newPage();
  await tab.goto("/unsubscribe?token=not-a-token");
  await expect(tab.getByRole("main").getByRole("alert")).toContainText("This unsubscribe link is not valid.");
  await invalid.close();
});

test("a moderator who chose an email for each new comment gets one when a reader submits", async ({ page, browser }) => {
  const post = await createPost();
  const moderator = await createUser({ role: "MODERATOR" });
  const reader = await createUser();

  await signIn(page, moderator, "/account");
  await page.goto("/account");
  const settings = page.getByRole("form", { name: "Email settings" });
  await settings.getByLabel("An email for each new comment").check();
  await settings.getByRole("button", { name: "Save email settings" }).click();
  await expect(settings.getByText("Your email settings are saved.")).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: moderator.id } })).moderatorAlerts).toBe("EACH");

  const reading = await browser.newContext();
  const readerPage = await reading.newPage();
  await signIn(readerPage, reader, `/posts/${post.slug}`);
  const form = readerPage.getByRole("region", { name: "Leave a Reply" });
  await form.getByLabel("Comment", { exact: true }).fill("Please review me.");
  await form.getByLabel("I have read and agree to the Terms and Conditions").check();
  await form.getByRole("button", { name: "Post Comment" }).click();
  await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
  await reading.close();

  // Other tests' readers comment at the same time; this moderator hears of those too.
  const alert = (await readOutbox(browser, moderator.email)).find((email) => email.subject === `New comment to review on "${post.title}"`);
  expect(alert!.text).toContain(`${reader.name} commented on "${post.title}"`);
  expect(alert!.text).toContain("Please review me.");
});

test("the outbox holds readers' addresses and words, so only admins may read it", async ({ page }) => {
  const moderator = await createUser({ role: "MODERATOR" });
  await signIn(page, moderator, "/moderation/outbox");
  const response = await page.goto("/moderation/outbox");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Outbox");
  await expect(page.getByRole("navigation", { name: "Moderation" }).getByRole("link", { name: "Outbox" })).toHaveCount(0);
});
