import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe takes a few seconds on the longest page; past this it is stuck, and says so. */
const AXE_BOUND_MS = 20_000;

/** Runs axe on the page as it is now and fails with each rule, its help and the elements it names. */
export async function expectNoAxeViolations(page: Page, label: string) {
  // axe reads the document as loaded; a page still loading would be analysed half-drawn.
  await page.waitForLoadState("load");
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      const readyState = await page.evaluate(() => document.readyState).catch((error: Error) => `unreadable (${error.message})`);
      reject(new Error(`${label}: axe did not finish within ${AXE_BOUND_MS / 1000} s (document ${readyState}; frames: ${page.frames().map((frame) => frame.url()).join(", ")})`));
    }, AXE_BOUND_MS);
  });
  try {
    // Legacy mode runs axe inside the page alone; the default opens a blank page per analysis to
    // gather results from cross-origin frames, which these pages never have, and takes twice as long.
    const results = await Promise.race([new AxeBuilder({ page }).setLegacyMode(true).analyze(), bound]);
    const report = results.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(" ")).join("\n  ")}`);
    expect(report, `${label}: axe violations`).toEqual([]);
  } finally {
    clearTimeout(timer);
  }
}
