import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { callFormAction, commentFormToken } from "./support/actions";
import { createPost, db } from "./support/db";
import { E2E_METRICS_TOKEN } from "./support/operations";
import { createUser, signIn } from "./support/users";

test("health and readiness answer a load balancer with small JSON bodies, never cached, naming no secret", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(health.headers()["cache-control"]).toContain("no-store");
  expect(await health.json()).toEqual({ status: "ok" });

  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toContain("no-store");
  const body = await ready.text();
  expect(JSON.parse(body)).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok" } });
  expect(body).not.toMatch(/postgres(ql)?:|file:|\.db\b|secret/i);
});

test("robots.txt keeps the workspace, accounts and the API out of search engines and names the sitemap", async ({ request, baseURL }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  const lines = (await response.text()).split("\n").map((line) => line.trim());
  for (const path of ["/moderation", "/account", "/api"]) expect(lines).toContain(`Disallow: ${path}`);
  expect(lines).toContain("Allow: /");
  expect(lines).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
});

test("the sitemap lists published posts at once and leaves out posts not yet published", async ({ request, baseURL }) => {
  const published = await createPost();
  const scheduled = await createPost({ publishedAt: new Date(Date.now() + 86_400_000) });
  const response = await request.get("/sitemap.xml");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("xml");
  const xml = await response.text();
  expect(xml).toContain(`<loc>${baseURL}/posts/${published.slug}</loc>`);
  expect(xml).toContain(`<loc>${baseURL}/posts/mri-in-follow-up-of-sciatica</loc>`);
  expect(xml).not.toContain(scheduled.slug);
});

test("a favicon is served where browsers and crawlers look for it", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const bytes = await response.body();
  // An ICO file: reserved 0, type 1 (icon), at least one image.
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
});

test("metrics are for the scraper holding the token: queue depth, submissions and request durations by route", async ({ page, request, baseURL, playwright }) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  expect((await request.get("/metrics", { headers: { Authorization: "Bearer not-the-token" } })).status()).toBe(401);
  const scrape = async () => {
    const response = await request.get("/metrics", { headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/plain");
    return response.text();
  };
  const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}[\]".]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);

  const before = await scrape();
  const post = await createPost();
  const reader = await createUser();
  await signIn(page, reader);
  const terms = await db.termsVersion.findFirstOrThrow({ where: { effectiveAt: { lte: new Date() } }, orderBy: { version: "desc" } });
  const submitted = await callFormAction(page.request, baseURL!, "app/_lib/actions/comments.ts", "submitComment", {
    postId: post.id,
    body: "A comment the metrics count.",
    acceptTerms: "on",
    termsVersion: String(terms.version),
    submissionKey: randomUUID(),
    formToken: await commentFormToken(page, post.slug),
  });
  expect(await submitted.text()).toContain('"status":"success"');
  const probe = `no-such-page-${randomUUID()}`;
  await request.get(`/${probe}`);
  // A visitor's second read of a post comes from the page cache, and is counted as a hit.
  const visitor = await playwright.request.newContext({ baseURL });
  for (let read = 0; read < 2; read++) await visitor.get(`/posts/${post.slug}`);
  await visitor.dispose();

  const after = await scrape();
  expect(value(after, 'vetted_comment_submissions_total{status="pending"}')).toBeGreaterThanOrEqual(value(before, 'vetted_comment_submissions_total{status="pending"}') + 1);
  expect(value(after, 'vetted_comments{status="pending"}')).toBeGreaterThanOrEqual(1);
  expect(value(after, "vetted_oldest_pending_comment_age_seconds")).toBeGreaterThanOrEqual(0);
  expect(after).toMatch(/^vetted_http_request_duration_seconds_count\{method="ACTION",route="\/posts\/\[slug\]",status="200",cache="none"\} \d+$/m);
  expect(after).toMatch(/^vetted_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404",cache="none"\} \d+$/m);
  expect(after).toMatch(/^vetted_http_request_duration_seconds_count\{method="GET",route="\/posts\/\[slug\]",status="200",cache="hit"\} \d+$/m);
  expect(after).toContain('vetted_outbox_messages{status="queued"}');
  expect(after).toContain("vetted_moderation_decision_latency_seconds_bucket");
  // Series are named by route, never by address: a crawler cannot make one per address.
  expect(after).not.toContain(probe);
  expect(after).not.toContain(post.slug);
});
