import { expect, test, type Page } from "@playwright/test";
import { createPost, db } from "./support/db";
import { createUser, signIn } from "./support/users";

const SEEDED_POST = "/posts/mri-in-follow-up-of-sciatica";
const LOAD_BOUND_MS = 10_000;
// What the load event waits for; fetches (React's prefetches, the queue's live count) never delay it.
const BLOCKS_LOAD = new Set(["document", "stylesheet", "script", "image", "font", "media", "texttrack", "manifest", "other"]);

/**
 * Opens a page and reports what a reader's browser would wait on: whether the load event came
 * within the bound, and every request still open when it did (or when the bound ran out) that
 * has not ended a bound later.
 */
async function openAndWatch(page: Page, path: string) {
  const open = new Map<string, string>();
  const key = (request: { url(): string; method(): string }) => `${request.method()} ${request.url()}`;
  page.on("request", (request) => {
    if (BLOCKS_LOAD.has(request.resourceType())) open.set(key(request), request.resourceType());
  });
  page.on("requestfinished", (request) => open.delete(key(request)));
  page.on("requestfailed", (request) => open.delete(key(request)));
  // What was still open when load fired is what a reader's browser waited on.
  let openAtLoad: string[] = [];
  page.once("load", () => (openAtLoad = [...open.keys()]));
  await page.goto(path, { waitUntil: "commit" });
  const loaded = await page
    .waitForLoadState("load", { timeout: LOAD_BOUND_MS })
    .then(() => true)
    .catch(() => false);
  const readyState = await page.evaluate(() => document.readyState).catch((error: Error) => `unreadable: ${error.message}`);
  if (!loaded) openAtLoad = [...open.keys()];
  // A preload the load event did not wait for (a page without scripts loads before its fonts
  // arrive) finishes a moment later; a request that never ends is still open after the bound.
  const settledBy = Date.now() + LOAD_BOUND_MS;
  while (openAtLoad.some((request) => open.has(request)) && Date.now() < settledBy) await page.waitForTimeout(50);
  const stillOpen = openAtLoad.filter((request) => open.has(request)).map((request) => `${open.get(request)} ${request}`);
  return { path, loaded, readyState, openAtLoad: stillOpen, frames: page.frames().length };
}

test("every kind of page finishes loading, with no request left open, for visitors, readers and moderators", async ({ browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Waiting for a decision.", status: "PENDING", termsVersion: 1 } });

  const reports = [];
  for (const who of ["visitor", "reader", "moderator"] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who !== "visitor") await signIn(page, who === "reader" ? reader : moderator, "/");
    const paths = ["/", SEEDED_POST, `/posts/${post.slug}`, "/terms", "/login"];
    if (who === "reader") paths.push("/account");
    if (who === "moderator") paths.push("/moderation", `/moderation?post=${post.slug}`, "/moderation/log");
    for (const path of paths) reports.push({ who, ...(await openAndWatch(page, path)) });
    await context.close();
  }

  const stuck = reports.filter((report) => !report.loaded || report.readyState !== "complete" || report.openAtLoad.length > 0 || report.frames !== 1);
  expect(stuck, "pages that kept the browser waiting").toEqual([]);
});

test("pages prefetch no other pages: a visitor's post page and a moderator's queue ask the server only for what they show", async ({ browser }) => {
  const post = await createPost();
  const reader = await createUser();
  const moderator = await createUser({ role: "MODERATOR" });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Waiting for a decision.", status: "PENDING", termsVersion: 1 } });

  for (const who of ["visitor", "moderator"] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who === "moderator") await signIn(page, moderator, "/");
    // The router's fetches of a page carry an RSC header and an _rsc query; prefetches are such fetches.
    const pageFetches: string[] = [];
    page.on("request", (request) => {
      if (request.headers()["rsc"] !== undefined || new URL(request.url()).searchParams.has("_rsc")) pageFetches.push(request.url());
    });
    for (const path of who === "visitor" ? [SEEDED_POST, "/"] : ["/moderation", `/posts/${post.slug}`]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      // Links scrolled into view are prefetched too.
      await page.mouse.wheel(0, 5_000);
      await page.waitForLoadState("networkidle");
    }
    expect(pageFetches, `pages fetched in the background for a ${who}`).toEqual([]);
    await context.close();
  }
});
