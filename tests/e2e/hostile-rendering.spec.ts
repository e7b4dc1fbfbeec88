import { expect, test, type Page } from "@playwright/test";
import { SCRIPT_PAYLOADS } from "../support/hostile-inputs";
import { createPost, db } from "./support/db";
import { createUser, signIn } from "./support/users";

/** Fails the test if anything injected runs: a dialog, a console error, or the marker global. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  };
}

test("stored hostile comments render as harmless text for readers and moderators", async ({ page }) => {
  const post = await createPost();
  const author = await createUser();
  await db.comment.createMany({
    data: SCRIPT_PAYLOADS.flatMap((body, index) => [
      { postId: post.id, authorId: author.id, body, status: "APPROVED" as const, createdAt: new Date(Date.now() - 100_000 + index) },
      { postId: post.id, authorId: author.id, body: `${body} (pending)`, status: "PENDING" as const, createdAt: new Date(Date.now() - 50_000 + index) },
    ]),
  });

  const reader = await createUser();
  const readerCheck = watch(page);
  await signIn(page, reader, `/posts/${post.slug}`);
  await expect(page.getByRole("heading", { level: 2, name: `${SCRIPT_PAYLOADS.length} Responses to “${post.title}”` })).toBeVisible();
  // The words are there to read, as text.
  await expect(page.getByText("<script>window.__pwned = 1</script>")).toBeVisible();
  await expect(page.locator(".comment__body script, .comment__body img, .comment__body iframe, .comment__body svg, .comment__body object")).toHaveCount(0);
  const hrefs = await page.locator(".comment__body a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
  await page.locator(".comment__body a").first().hover().catch(() => undefined);
  await readerCheck();

  const moderator = await createUser({ role: "MODERATOR" });
  await page.context().clearCookies();
  const moderatorCheck = watch(page);
  await signIn(page, moderator, `/moderation?post=${post.slug}`);
  await page.goto(`/moderation?post=${post.slug}`);
  await expect(page.getByRole("article").first()).toBeVisible();
  await expect(page.getByRole("article").first()).toContainText("(pending)");
  await page.keyboard.press("j");
  await page.goto(`/moderation?tab=approved&post=${post.slug}`);
  await expect(page.getByRole("article").first()).toBeVisible();
  await moderatorCheck();
});

test("a comment that defeats the Markdown parser, stored before any bound, breaks neither the post page nor the queue", async ({ page }) => {
  const post = await createPost();
  const author = await createUser();
  // Thousands of nested quotes overflow the parser's stack; such a text can only be in the database
  // from before the comment schema bounded nesting, or from an import.
  const deep = `${"> ".repeat(3000)}deepest words`;
  await db.comment.createMany({
    data: [
      { postId: post.id, authorId: author.id, body: deep, status: "APPROVED" as const },
      { postId: post.id, authorId: author.id, body: `${deep} (pending)`, status: "PENDING" as const },
    ],
  });

  const check = watch(page);
  const visitor = await page.goto(`/posts/${post.slug}`);
  expect(visitor!.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 2, name: `1 Response to “${post.title}”` })).toBeVisible();
  await expect(page.getByRole("article", { name: `Comment by ${author.name}` })).toContainText("> > > deepest words");
  await check();

  const moderator = await createUser({ role: "MODERATOR" });
  await signIn(page, moderator, `/moderation?post=${post.slug}`);
  const queue = await page.goto(`/moderation?post=${post.slug}`);
  expect(queue!.status()).toBe(200);
  await expect(page.getByRole("article", { name: `Comment by ${author.name} on ${post.title}` })).toContainText("deepest words (pending)");
});
