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

test("a comment like one a moderator marked as spam comes first in the queue sorted by spam score, with a high score", async ({ page, browser }) => {
  const post = await createPost();
  const moderator = await createUser({ role: "MODERATOR" });
  const [spammer, imitator, reader] = [await createUser(), await createUser(), await createUser()];
  // Words no other journey uses, so what the filter learns here is this journey's own.
  const brand = Array.from({ length: 6 }, () => `q${uniqueId()}`);
  const marked = await db.comment.create({ data: { postId: post.id, authorId: spammer.id, body: `Order ${brand.join(" ")} today, best prices`, status: "PENDING", termsVersion: 1 } });

  await signIn(page, moderator, `/moderation?post=${post.slug}`);
  await page.getByRole("article").filter({ hasText: brand[0] }).getByRole("button", { name: "Spam" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Spam" })).toBeVisible();
  // The filter learns once the decision's answer has gone.
  await expect.poll(async () => (await db.comment.findUniqueOrThrow({ where: { id: marked.id } })).spamTrainedAs).toBe("spam");

  const ordinary = `I wondered whether the follow-up scans changed any treatment ${uniqueId()}`;
  const imitation = `New stock: ${brand.join(" ")} for you`;
  for (const [author, words] of [[reader, ordinary], [imitator, imitation]] as const) {
    const context = await browser.newContext();
    const authorPage = await context.newPage();
    await signIn(authorPage, author, `/posts/${post.slug}`);
    const form = authorPage.getByRole("region", { name: "Leave a Reply" });
    await form.getByLabel("Comment", { exact: true }).fill(words);
    await form.getByLabel("I have read and agree to the Terms and Conditions").check();
    await form.getByRole("button", { name: "Post Comment" }).click();
    await expect(form.getByText("Thank you. Your comment is awaiting moderation.")).toBeVisible();
    await context.close();
  }

  await page.goto(`/moderation?post=${post.slug}`);
  // Oldest first by default: the ordinary comment came first.
  await expect(page.getByRole("article").first()).toContainText(ordinary);
  await page.getByRole("form", { name: "Filter the queue" }).getByLabel("Order").selectOption({ label: "Most likely spam first" });
  await page.getByRole("form", { name: "Filter the queue" }).getByRole("button", { name: "Filter" }).click();
  const first = page.getByRole("article").first();
  await expect(first).toContainText(imitation);
  const score = Number(/Spam score: (\d+)%/.exec((await first.textContent()) ?? "")?.[1]);
  expect(score).toBeGreaterThanOrEqual(90);
  const other = page.getByRole("article").filter({ hasText: ordinary });
  expect(Number(/Spam score: (\d+)%/.exec((await other.textContent()) ?? "")?.[1])).toBeLessThan(50);
});
