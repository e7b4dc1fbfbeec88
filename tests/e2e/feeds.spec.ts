import { expect, test } from "@playwright/test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { createPost, db, uniqueId } from "./support/db";
import { createUser } from "./support/users";

type RssItem = { title: string; link: string; guid: unknown; pubDate: string; description: string };

function parseRss(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "item" }).parse(xml);
  expect(parsed.rss["@_version"]).toBe("2.0");
  const channel = parsed.rss.channel as { title: string; link: string; description: string; item?: RssItem[] };
  for (const item of channel.item ?? []) {
    expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
    expect(item.link).toMatch(/^https?:\/\//);
  }
  return channel;
}

test("the posts feed is RSS 2.0 with the newest posts, their links and full text", async ({ request, baseURL }) => {
  const post = await createPost({ title: `Feed post ${uniqueId()}`, body: "First paragraph of the **feed** post.", publishedAt: new Date(Date.now() + 60_000) });
  const response = await request.get("/feed.xml");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
  const channel = parseRss(await response.text());
  expect(channel.title).toBe("Vetted");
  const item = channel.item!.find((entry) => entry.title === post.title);
  expect(item?.link).toBe(`${baseURL}/posts/${post.slug}`);
  expect(item?.description).toBe("First paragraph of the feed post.");
});

test("a post's comments feed lists its approved comments only, and an unknown post's feed is 404", async ({ request, baseURL }) => {
  const post = await createPost();
  const reader = await createUser();
  const approved = { status: "APPROVED" as const, decidedAt: new Date(), termsVersion: 1 };
  const first = await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "An *approved* remark & more.", ...approved } });
  await db.comment.create({ data: { postId: post.id, guestName: "Grace Guest", body: "A guest's remark.", ...approved } });
  await db.comment.create({ data: { postId: post.id, authorId: reader.id, body: "Still waiting.", status: "PENDING", termsVersion: 1 } });

  const response = await request.get(`/posts/${post.slug}/comments/feed.xml`);
  expect(response.status()).toBe(200);
  const channel = parseRss(await response.text());
  expect(channel.title).toBe(`Comments on “${post.title}”`);
  expect(channel.item).toHaveLength(2);
  expect(channel.item!.map((item) => item.title).sort()).toEqual([`By ${reader.name}`, "By Grace Guest"].sort());
  const mine = channel.item!.find((item) => item.title === `By ${reader.name}`)!;
  expect(mine.link).toBe(`${baseURL}/posts/${post.slug}#comment-${first.id}`);
  expect(mine.description).toContain("<em>approved</em> remark &amp; more.");

  expect((await request.get(`/posts/no-such-post-${uniqueId()}/comments/feed.xml`)).status()).toBe(404);
});

test("a post page carries its title, description, canonical address, Open Graph and feed links", async ({ page, baseURL }) => {
  const post = await createPost({ title: `Metadata post ${uniqueId()}`, body: "Lumbar MRI at follow-up did not predict outcome.\n\nSecond paragraph." });
  await page.goto(`/posts/${post.slug}`);
  await expect(page).toHaveTitle(`${post.title} · Vetted`);
  const head = page.locator("head");
  await expect(head.locator('meta[name="description"]')).toHaveAttribute("content", "Lumbar MRI at follow-up did not predict outcome. Second paragraph.");
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/posts/${post.slug}`);
  await expect(head.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(head.locator('meta[property="og:title"]')).toHaveAttribute("content", post.title);
  await expect(head.locator('meta[property="og:url"]')).toHaveAttribute("content", `${baseURL}/posts/${post.slug}`);
  await expect(head.locator('meta[property="og:description"]')).toHaveAttribute("content", /^Lumbar MRI at follow-up/);
  await expect(head.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveCount(2);
  await expect(head.locator(`link[rel="alternate"][href="${baseURL}/posts/${post.slug}/comments/feed.xml"]`)).toHaveCount(1);
});
