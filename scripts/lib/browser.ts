/**
 * The browser the end-to-end tests, the load scenarios and the benchmarks drive: Debian's build of
 * Chromium's headless shell, the same engine and version as Debian's `chromium` without the
 * desktop browser around it (the build Playwright itself uses for headless runs). On a 2-core
 * machine it runs the end-to-end suite in half the time the full browser takes.
 * CHROMIUM_PATH points elsewhere, e.g. at /usr/bin/chromium to watch the full browser.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";
export const CHROMIUM_DEBIAN_PACKAGE = "chromium-headless-shell";
/** Without the background-networking flags Chromium floods the closed network with refused connections. */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync", "--disable-background-networking", "--disable-component-update"];
