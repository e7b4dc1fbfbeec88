import { expect, test, type Page } from "@playwright/test";
import { SCRIPT_PAYLOADS } from "../support/hostile-inputs";
import { createPost, db } from "./support/db";
import { createUser, PASSWORD, signIn } from "./support/users";

/**
 * Loads a page and says whether it came from the page cache. Other tests running at the same
 * time empty the cache whenever they publish something, so a test that needs a hit asks again.
 */
async function visit(page: Page, path: string) {
  const response = (await page.goto(path))!;
  return { cached: response.headers()["x-vetted-cache"] === "hit", policy: response.headers()["content-security-policy"], headers: response.headers(), html: await response.text() };
}

async function visitUntilCached(page: Page, path: string) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const seen = await visit(page, path);
    if (seen.cached) return seen;
  }
  throw new Error(`${path} never came from the cache`);
}

test("visitors get post pages from the cache under a policy that allows no script, and hostile comments stay inert", async ({ page }) => {
  const post = await createPost();
  const author = await createUser();
  await db.comment.createMany({ data: SCRIPT_PAYLOADS.map((body) => ({ postId: post.id, authorId: author.id, body, status: "APPROVED" as const })) });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });

  const first = await visitUntilCached(page, `/posts/${post.slug}`);
  const second = await visitUntilCached(page, `/posts/${post.slug}`);
  // No script may run at all, ours included: there is no nonce to learn and reuse.
  for (const { policy, headers, html } of [first, second]) {
    expect(policy).toMatch(/(?:^|; )script-src 'none'(?:;|$)/);
    expect(policy).not.toMatch(/nonce|strict-dynamic/);
    expect(headers.link ?? "").not.toContain("nonce");
    expect(html).not.toMatch(/nonce=/);
  }
  expect(second.html).toBe(first.html);
  // The cached answer carries every header a rendered one does.
  expect(first.headers).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin", "content-type": expect.stringMatching(/^text\/html/) });

  // The cached document runs nothing: not Next's runtime (a visitor's page needs none), and none
  // of the readers' words.
  await expect(page.getByRole("heading", { level: 2, name: `${SCRIPT_PAYLOADS.length} Responses to “${post.title}”` })).toBeVisible();
  expect(await page.locator("script").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors.filter((error) => /Content Security Policy|Refused/.test(error))).toEqual([]);
});

test("every change readers would see empties the cache at once: approve, a moderator's edit, the author's delete, a closed post", async ({ page, browser }) => {
  const post = await createPost();
  const author = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const admin = await createUser({ role: "ADMIN" });
  const waiting = await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "Words waiting for a moderator.", status: "PENDING", termsVersion: 1 } });
  const anonymousView = async () => {
    const seen = await visit(page, `/posts/${post.slug}`);
    return { cached: seen.cached, text: await page.getByRole("main").innerText() };
  };
  await visitUntilCached(page, `/posts/${post.slug}`);

  const staff = await browser.newContext();
  const moderating = await staff.newPage();
  await signIn(moderating, moderator, `/moderation?post=${post.slug}`);
  const item = moderating.getByRole("article", { name: `Comment by ${author.name} on ${post.title}` });
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(moderating.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();
  const afterApproval = await anonymousView();
  expect(afterApproval.cached).toBe(false);
  expect(afterApproval.text).toContain("Words waiting for a moderator.");
  await visitUntilCached(page, `/posts/${post.slug}`);

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

test("a visitor's post page comes without scripts, rendered or cached, and works: its links lead on and sign-in brings the runtime back", async ({ page }) => {
  const post = await createPost();
  const author = await createUser();
  await db.comment.create({ data: { postId: post.id, authorId: author.id, body: "A published response.", status: "APPROVED" } });
  const reader = await createUser();
  const scriptsFetched: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scriptsFetched.push(request.url());
  });

  // The first visit is rendered for this visitor (nothing is cached for a new post yet).
  const rendered = await visit(page, `/posts/${post.slug}`);
  const cached = await visitUntilCached(page, `/posts/${post.slug}`);
  for (const seen of [rendered, cached]) {
    expect(seen.html).not.toMatch(/<script\b/i);
    expect(seen.html).not.toMatch(/rel="(?:modulepreload|preload)"[^>]*as="script"|as="script"[^>]*rel="preload"/);
    expect(seen.html).toContain("A published response.");
  }
  expect(rendered.cached).toBe(false);
  expect(scriptsFetched).toEqual([]);
  await expect(page.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
  await expect(page.getByText("A published response.")).toBeVisible();

  // A plain link: the login page, which has a form, loads the runtime; signing in leads back to
  // the post, now drawn for the reader with its comment form.
  await page.getByRole("region", { name: "Leave a Reply" }).getByRole("link", { name: "Log in" }).click();
  // A full page load now: the form works once its scripts have run, which the load event waits for.
  await page.waitForURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(reader.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${reader.name}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/posts/${post.slug}`));
  await expect(page.getByRole("form", { name: "Leave a comment" }).getByRole("textbox", { name: "Comment" })).toBeVisible();
  expect(scriptsFetched.length).toBeGreaterThan(0);
  expect(await page.locator("script[src]").count()).toBeGreaterThan(0);
});

test("signed-in readers never get a cached page: they see their own pending comment", async ({ page, browser }) => {
  const post = await createPost();
  const reader = await createUser();
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Only I can see this yet.", status: "PENDING", termsVersion: 1 } });
  const visitor = await browser.newPage();
  await visitUntilCached(visitor, `/posts/${post.slug}`);
  await expect(visitor.getByText("Only I can see this yet.")).toHaveCount(0);

  await signIn(page, reader, `/posts/${post.slug}`);
  const seen = await visit(page, `/posts/${post.slug}`);
  expect(seen.cached).toBe(false);
  await expect(page.getByText("Only I can see this yet.")).toBeVisible();

  // NextAuth also reads a token split across cookies named ".0", ".1"…: a reader who sends theirs
  // that way is still rendered as themselves, and what is drawn for them is never kept.
  const [session] = (await page.context().cookies()).filter((cookie) => cookie.name === "next-auth.session-token");
  const disguised = await browser.newContext();
  await disguised.addCookies([{ ...session!, name: "next-auth.session-token.0" }]);
  const disguisedPage = await disguised.newPage();
  for (let attempt = 0; attempt < 3; attempt++) {
    const drawn = await visit(disguisedPage, `/posts/${post.slug}`);
    expect(drawn.cached).toBe(false);
    await expect(disguisedPage.getByText("Only I can see this yet.")).toBeVisible();
  }
  const after = await visitUntilCached(visitor, `/posts/${post.slug}`);
  expect(after.html).not.toContain("Only I can see this yet.");
  expect(after.html).not.toContain(reader.name);
  await Promise.all([visitor.close(), disguised.close()]);
});

test("the home page and the feeds come from the cache too, and an approval shows on them at once", async ({ page, browser, playwright, baseURL }) => {
  const post = await createPost();
  const author = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  const words = `Feed-worthy words ${Date.now()}`;
  await db.comment.create({ data: { postId: post.id, authorId: author.id, body: words, status: "PENDING", termsVersion: 1 } });
  const visitor = await playwright.request.newContext({ baseURL });
  const fetchUntilCached = async (path: string) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await visitor.get(path);
      if (response.headers()["x-vetted-cache"] === "hit") return response.text();
    }
    throw new Error(`${path} never came from the cache`);
  };
  const commentsFeed = `/posts/${post.slug}/comments/feed.xml`;
  expect(await fetchUntilCached("/")).toContain(post.title);
  expect(await fetchUntilCached(commentsFeed)).not.toContain(words);
  await fetchUntilCached("/feed.xml");

  const staff = await browser.newContext();
  const moderating = await staff.newPage();
  await signIn(moderating, moderator, `/moderation?post=${post.slug}`);
  await moderating.getByRole("article", { name: `Comment by ${author.name} on ${post.title}` }).getByRole("button", { name: "Approve" }).click();
  await expect(moderating.getByRole("status").filter({ hasText: "Approved" })).toBeVisible();
  await staff.close();

  const feed = await visitor.get(commentsFeed);
  expect(feed.headers()["x-vetted-cache"]).toBeUndefined();
  expect(await feed.text()).toContain(words);
  await page.goto("/");
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("link", { name: post.title }) })).toContainText("1 response");
  await visitor.dispose();
});
