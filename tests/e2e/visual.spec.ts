import { expect, test } from "@playwright/test";

const SEEDED_POST = "/posts/mri-in-follow-up-of-sciatica";

// Baselines live next to this file, taken with Debian's Chromium and the typefaces the app ships
// (app/_fonts), so they hold on any machine whatever fonts it has installed. After an intended
// change of design, refresh them with `npx playwright test visual --update-snapshots`.
// The tolerance absorbs anti-aliasing (a colour threshold per pixel, 1% of pixels); a change of
// layout changes the page's size or moves whole lines, which no tolerance lets through.
test("the post page is set in the typefaces the app ships, served by the app itself", async ({ page }) => {
  const fontResponses: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "font") fontResponses.push(`${response.status()} ${new URL(response.url()).origin === new URL(page.url()).origin ? "same-origin" : "elsewhere"} ${new URL(response.url()).pathname}`);
  });
  await page.goto(SEEDED_POST);
  await page.evaluate(() => document.fonts.ready);
  const families = await page.evaluate(() => ({
    text: getComputedStyle(document.querySelector("article .prose p") ?? document.body).fontFamily,
    header: getComputedStyle(document.querySelector("header") ?? document.body).fontFamily,
    loaded: [...document.fonts].filter((face) => face.status === "loaded").map((face) => `${face.family.replace(/"/g, "")} ${face.style}`),
  }));
  // The first family of each stack that covers basic Latin is a shipped face, and it has loaded.
  const shipped = (stack: string) => stack.split(",").map((family) => family.trim().replace(/"/g, "")).find((family) => !family.endsWith("Extended"));
  expect(families.loaded).toContain(`${shipped(families.text)} normal`);
  expect(families.loaded).toContain(`${shipped(families.header)} normal`);
  expect(shipped(families.text)).not.toBe(shipped(families.header));
  expect(fontResponses.length).toBeGreaterThanOrEqual(2);
  for (const response of fontResponses) expect(response).toMatch(/^200 same-origin \/_next\/static\/media\/source_(serif_4|sans_3)_latin.*\.woff2$/);
});

for (const { width, scheme } of [
  { width: 360, scheme: "light" },
  { width: 1280, scheme: "light" },
  { width: 1280, scheme: "dark" },
] as const) {
  test(`the post page at ${width} px (${scheme}) fits the screen and keeps its layout`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    await page.goto(SEEDED_POST);
    await expect(page.getByRole("heading", { level: 2, name: /^3 Responses to/ })).toBeVisible();
    // Nothing may scroll sideways, whatever the width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await expect(page).toHaveScreenshot(`post-${width}-${scheme}.png`, { fullPage: true, animations: "disabled", caret: "hide", threshold: 0.2, maxDiffPixelRatio: 0.01 });
  });
}

test("every kind of page fits a 360 px phone without sideways scrolling", async ({ browser }) => {
  const { createPost, db } = await import("./support/db");
  const { createUser, signIn } = await import("./support/users");
  const post = await createPost({ title: "A post with a rather long title to wrap on a small phone screen" });
  const admin = await createUser({ role: "ADMIN" });
  await db.comment.create({ data: { postId: post.id, authorId: admin.id, body: "A remark with a long unbroken address https://example.org/a/very/long/path/that/does/not/break/easily/at/all", status: "PENDING", termsVersion: 1 } });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page, admin, "/");
  const overflowing: string[] = [];
  for (const path of [
    "/",
    `/posts/${post.slug}`,
    "/terms",
    "/account",
    `/moderation?post=${post.slug}`,
    "/moderation/log",
    "/moderation/users",
    "/moderation/settings",
    "/moderation/posts",
    "/moderation/outbox",
    "/terms/edit",
  ]) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) overflowing.push(`${path}: ${width} px`);
  }
  await context.close();
  expect(overflowing).toEqual([]);
});
