/** The scraper's token the server under test is started with (playwright.config.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token";
