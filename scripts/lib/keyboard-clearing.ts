/**
 * The moderator's workspace measured as a moderator uses it: a real browser on the queue, the
 * keyboard alone, one decision after another (approve, reject with a saved reason, spam). For
 * each decision, the time from the key press to the next comment being focused with its context
 * drawn beside it.
 */
import { writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser";

export type ClearingResult = { decisions: number; perMinute: number; readyMs: number[]; decided: string[]; storedAfterMs: number | null };

type Step = "approve" | "reject" | "spam";
const PATTERN: Step[] = ["approve", "approve", "reject", "approve", "spam"];

// Runs in the page: records when a key arrives, and resolves once the next comment is ready.
const INSTRUMENT = `
  window.__keyAt = 0;
  // For DEBUG_W: the main thread's long tasks and every key, to set against the requests' times.
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.startTime) + "+" + Math.round(entry.duration)); }).observe({ type: "longtask", buffered: true });
  window.__keys = [];
  document.addEventListener("keydown", (event) => window.__keys.push(event.key + "@" + Math.round(performance.now())), true);
  // What focus did lately, for the message when a comment is never ready.
  window.__focusLog = [];
  const note = (what) => { window.__focusLog.push(what + " @" + Math.round(performance.now())); if (window.__focusLog.length > 12) window.__focusLog.shift(); };
  document.addEventListener("focusin", (event) => note("in " + (event.target.getAttribute && event.target.getAttribute("data-comment") || event.target.tagName)), true);
  document.addEventListener("focusout", (event) => setTimeout(() => note("out " + (event.target.getAttribute && event.target.getAttribute("data-comment") || event.target.tagName) + (event.target.isConnected ? "" : " (removed)") + " -> " + (document.activeElement && document.activeElement.tagName))), true);
  document.addEventListener("keydown", (event) => { window.__keyAt = performance.now(); note("key " + event.key); }, true);
  // Armed before the decision's keys are pressed, so the wait starts with them: it resolves at
  // the first frame in which another comment is focused with its context drawn, however late
  // the harness itself hears of the keys.
  window.__arm = (previous) => {
    window.__ready = new Promise((resolve, reject) => {
      const began = performance.now();
      const check = () => {
        if (performance.now() - began > 10000) {
          const panel = document.querySelector('[aria-label="Context of the selected comment"]');
          reject(new Error("No comment was ready 10 s after the key: focus on " + (document.activeElement ? document.activeElement.outerHTML.slice(0, 300) : "nothing") + "; context: " + (panel ? panel.textContent.slice(0, 300) : "none") + "; at " + location.href + "; articles " + document.querySelectorAll("article").length + "; focus log " + window.__focusLog.join(", ")));
          return;
        }
        const active = document.activeElement;
        const panel = document.querySelector('[aria-label="Context of the selected comment"]');
        const ready = active && active.tagName === "ARTICLE" && active.getAttribute("data-comment") !== previous
          && panel && !panel.querySelector("[aria-busy]") && panel.querySelector("h3");
        if (ready) resolve({ ms: performance.now() - window.__keyAt, id: active.getAttribute("data-comment") });
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  };
`;

// What DEBUG_W prints of the page's first seconds: long tasks, keys, and requests (start-end, path).
const TIMELINE = `[
  "long tasks " + window.__longTasks.join(" "),
  "keys " + window.__keys.slice(0, 40).join(" "),
  ...performance.getEntriesByType("resource").filter((entry) => !entry.name.includes("/_next/static/")).slice(0, 60)
    .map((entry) => Math.round(entry.startTime) + "-" + Math.round(entry.responseEnd) + " " + entry.name.replace(location.origin, "").slice(0, 70)),
].join("\\n")`;

/**
 * `storedCount`: how many of the given comments the database holds decided; `profileTo`: a file
 * for the page's own CPU profile over the decisions (what its JavaScript spent the time on).
 */
export async function clearWithKeyboard(url: string, cookie: string, decisions: number, storedCount: (ids: string[]) => Promise<number>, profileTo?: string): Promise<ClearingResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [name, ...value] = cookie.split(";")[0]!.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url }]);
    await context.addInitScript(INSTRUMENT);
    const page = await context.newPage();
    await page.goto(`${url}/moderation`);
    await page.getByRole("article").first().waitFor();
    // The first comment, focused and with its context, as the moderator starts. Keys pressed
    // before the page is hydrated go nowhere, so they are pressed again until one is heard.
    const focusedArticle = () => page.evaluate(() => document.activeElement?.tagName === "ARTICLE");
    for (const began = Date.now(); !(await focusedArticle()); ) {
      if (Date.now() - began > 30_000) throw new Error("The queue did not take keys 30 s after it was drawn");
      await page.keyboard.press("j");
      await page.keyboard.press("k");
      await page.waitForTimeout(100);
    }
    await page.evaluate("window.__arm(null)");
    let current = (await page.evaluate("window.__ready")) as { id: string };
    const readyMs: number[] = [];
    const decided: string[] = [];
    const profiler = profileTo ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send("Profiler.enable");
      await profiler.send("Profiler.setSamplingInterval", { interval: 200 });
      await profiler.send("Profiler.start");
    }
    const began = performance.now();
    for (let index = 0; index < decisions; index++) {
      const step = PATTERN[index % PATTERN.length]!;
      decided.push(current.id);
      await page.evaluate(`window.__arm(${JSON.stringify(current.id)})`);
      if (step === "approve") await page.keyboard.press("a");
      else if (step === "spam") await page.keyboard.press("s");
      else {
        // The reject panel opens on the reasons; the first saved one, then the panel's button.
        await page.keyboard.press("r");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
      }
      const next = (await page.evaluate("window.__ready").catch((error: Error) => {
        throw new Error(`Decision ${index + 1} (${step}): ${error.message}`);
      })) as { ms: number; id: string };
      readyMs.push(next.ms);
      current = next;
    }
    const minutes = (performance.now() - began) / 60_000;
    if (process.env.DEBUG_W) console.log(await page.evaluate(TIMELINE));
    if (profiler && profileTo) writeFileSync(profileTo, JSON.stringify((await profiler.send("Profiler.stop")).profile));
    // The page sends decisions one after another; it stays open until the last one is stored.
    const lastKey = performance.now();
    let storedAfterMs: number | null = null;
    while (performance.now() - lastKey < 30_000) {
      if ((await storedCount(decided)) === decided.length) {
        storedAfterMs = Math.round(performance.now() - lastKey);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { decisions, perMinute: Math.round(decisions / minutes), readyMs, decided, storedAfterMs };
  } finally {
    await browser.close();
  }
}
