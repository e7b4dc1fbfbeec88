import { expect, test, type Page } from "@playwright/test";
import { SCRIPT_PAYLOADS } from "../support/hostile-inputs";
import { createPost, db } from "./support/db";
import { createUser, signIn } from "./support/users";

const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

/** Loads a page as a visitor without a session and says whether it came from the page cache. */
async function visit(page: Page, path: string) {
  const response = (await page.goto(path))!;
  return { cached: response.headers()["x-vetted-cache"] === "hit", policy: response.headers()["content-security-policy"], headers: response.headers(), html: await response.text() };
}

test("visitors get post pages from the cache, each with a fresh nonce in the policy and the document, and hostile comments stay inert", async ({ page }) => {
  const post = await createPost();
  const author = await createUser();
  await db.comment.createMany({ data: SCRIPT_PAYLOADS.map((body) => ({ postId: post.id, authorId: author.id, body, status: "APPROVED" as const })) });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });

  await visit(page, `/posts/${post.slug}`);
  const first = await visit(page, `/posts/${post.slug}`);
  const second = await visit(page, `/posts/${post.slug}`);
  expect([first.cached, second.cached]).toEqual([true, true]);
  const [one, two] = [nonceOf(first.policy), nonceOf(second.policy)];
  expect(one).toBeTruthy();
  expect(one).not.toBe(two);
  // Every script the document carries has this response's nonce, and no other nonce appears.
  for (const { html, nonce } of [{ html: first.html, nonce: one! }, { html: second.html, nonce: two! }]) {
    const nonces = [...html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]);
    expect(nonces.length).toBeGreaterThan(0);
    expect(new Set(nonces)).toEqual(new Set([nonce]));
  }
  expect(first.policy).toContain("'strict-dynamic'");
  // The cached answer carries every header a rendered one does.
  expect(first.headers).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin", "content-type": expect.stringMatching(/^text\/html/) });
  expect(first.policy).not.toContain("unsafe-inline' 'nonce");

  // The cached document still runs its own scripts (the page hydrates) and none of the readers'.
  await expect(page.getByRole("heading", { level: 2, name: `${SCRIPT_PAYLOADS.length} Responses to “${post.title}”` })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors.filter((error) => /Content Security Policy|Refused/.test(error))).toEqual([]);
});

test("every change readers would see empties the cache at once: approve, edit, delete, a closed post, settings", async ({ page, browser }) => {
  const post = await createPost();
  const author = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const admin = await createUser({ role: "ADMIN" });
  const waiting = await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "Words waiting for a moderator.", status: "PENDING", termsVersion: 1 } });
  const anonymousView = async () => {
    const seen = await visit(page, `/posts/${post.slug}`);
    return { cached: seen.cached, text: await page.getByRole("main").innerText() };
  };
  await anonymousView();
  expect((await anonymousView()).cached).toBe(true);

  const staff = await browser.newContext();
  const moderating = await staff.newPage();
  await signIn(moderating, moderator, `/moderation?post=${post.slug}`);
  const item = moderating.getByRole("article", { name: `Comment by ${author.name} on ${post.title}` });
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(moderating.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();
  const afterApproval = await anonymousView();
  expect(afterApproval.cached).toBe(false);
  expect(afterApproval.text).toContain("Words waiting for a moderator.");
  expect((await anonymousView()).cached).toBe(true);

  // A moderator's edit of a published comment.
  await moderating.goto(`/moderation?tab=approved&post=${post.slug}`);
  await moderating.getByRole("article", { name: `Comment by ${author.name} on ${post.title}` }).getByRole("button", { name: "Edit" }).click();
  await moderating.getByLabel("Comment text").fill("Words as the moderator left them.");
  await moderating.getByRole("button", { name: "Save edit" }).click();
  await expect.poll(async () => (await db.comment.findUniqueOrThrow({ where: { id: waiting.id } })).body).toBe("Words as the moderator left them.");
  expect((await anonymousView()).text).toContain("Words as the moderator left them.");

  // The author deletes it.
  const authorContext = await browser.newContext();
  const authorPage = await authorContext.newPage();
  await signIn(authorPage, author, `/posts/${post.slug}`);
  await authorPage.getByRole("article", { name: `Comment by ${author.name}` }).getByRole("button", { name: "Delete" }).click();
  await authorPage.getByRole("button", { name: "Yes, delete it" }).click();
  await expect.poll(async () => db.comment.count({ where: { id: waiting.id } })).toBe(0);
  expect((await anonymousView()).text).not.toContain("Words as the moderator left them.");

  // An admin closes the post's comments.
  await staff.clearCookies();
  await signIn(moderating, admin, `/moderation/posts/${post.id}`);
  await moderating.getByLabel("Comments open").uncheck();
  await moderating.getByRole("button", { name: "Save post" }).click();
  await expect.poll(async () => (await db.post.findUniqueOrThrow({ where: { id: post.id } })).commentsOpen).toBe(false);
  expect((await anonymousView()).text).toContain("Comments are closed.");
  await Promise.all([staff.close(), authorContext.close()]);
});

test("signed-in readers never get a cached page: they see their own pending comment", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Only I can see this yet.", status: "PENDING", termsVersion: 1 } });
  const visitor = await browser.newPage();
  await visit(visitor, `/posts/${post.slug}`);
  expect((await visit(visitor, `/posts/${post.slug}`)).cached).toBe(true);
  await expect(visitor.getByText("Only I can see this yet.")).toHaveCount(0);
  await visitor.close();

  await signIn(page, reader, `/posts/${post.slug}`);
  const seen = await visit(page, `/posts/${post.slug}`);
  expect(seen.cached).toBe(false);
  await expect(page.getByText("Only I can see this yet.")).toBeVisible();
});
