import { expect, test } from "@playwright/test";

const SEEDED_POST = "/posts/mri-in-follow-up-of-sciatica";

// Baselines live next to this file and were taken with Debian's Chromium on the project's machines;
// after an intended change of design, refresh them with `npx playwright test visual --update-snapshots`.
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
    await expect(page).toHaveScreenshot(`post-${width}-${scheme}.png`, { fullPage: true, animations: "disabled", caret: "hide", maxDiffPixelRatio: 0.01 });
  });
}
