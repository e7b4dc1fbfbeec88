/**
 * Names, titles and comment text from the database, written to look like the end of a CDATA section
 * and new feed elements, must come out of the RSS feeds as text: the XML parses, every item is one
 * of ours, and each title reads as the name or title that was stored.
 */
import { randomUUID } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentsFeed, postsFeed } from "@/app/_lib/feeds/rss";
import { siteUrl } from "@/app/_lib/site-url";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";

type RssItem = { title: string; link: string; description: string; "content:encoded"?: string };

/** Ends the CDATA section twice (the XML writer escapes only the first) and adds an item. */
const breakout = (label: string) => `${label}]]>]]></title></item><item><title>Injected by ${label}</title><link>https://attacker.example/</link></item><item><title><![CDATA[`;
/** What a feed reader that treats titles as HTML would otherwise render. */
const markup = `<img src=x onerror=alert(1)>`;
/** HTML-escaped, as RSS titles are written and read. */
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function parseRss(xml: string): RssItem[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "item" }).parse(xml);
  return (parsed.rss.channel.item ?? []) as RssItem[];
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

describe("the RSS feeds with hostile names and text", () => {
  it("a post's comments feed keeps every name and comment inside its own item", async () => {
    const db = database.db;
    const post = await db.post.create({ data: { slug: `feed-${randomUUID()}`, title: "A post", authorName: "Editor", publishedAt: new Date("2026-01-01"), body: "Body" } });
    // Names stored before the schema refused angle brackets, or brought in by an import.
    const author = await db.user.create({ data: { name: breakout("Eve"), email: `eve-${randomUUID()}@example.com` } });
    const approved = { postId: post.id, status: "APPROVED" as const, decidedAt: new Date() };
    await db.comment.create({ data: { ...approved, authorId: author.id, body: `First ${breakout("body")}`, createdAt: new Date("2026-01-03") } });
    await db.comment.create({ data: { ...approved, guestName: `Mallory ${markup}`, body: "Second ]]>]]><item>", createdAt: new Date("2026-01-02") } });
    await db.comment.create({ data: { ...approved, guestName: "Tom & Jerry\u0008\uFFFF", body: "Third", createdAt: new Date("2026-01-01") } });

    const items = parseRss((await commentsFeed(post.slug))!);

    expect(items).toHaveLength(3);
    expect(items.map((item) => item.title)).toEqual([`By ${escaped(breakout("Eve"))}`, `By ${escaped(`Mallory ${markup}`)}`, "By Tom &amp; Jerry"]);
    expect(items.every((item) => item.link.startsWith(`${siteUrl()}/posts/${post.slug}#comment-`))).toBe(true);
    expect(items[0]!.description).toContain("Injected by body");
    expect(items[0]!.description).not.toContain("<item>");
    expect(items[1]!.description).toContain("Second ]]&gt;]]&gt;&lt;item&gt;");
  });

  it("the posts feed keeps a hostile title and body inside the post's item", async () => {
    const db = database.db;
    const title = `Q&A ${breakout("title")}`;
    const body = `Plain text that ends a section: ${breakout("excerpt")}\n\nAnd ${markup} as text.`;
    await db.post.create({ data: { slug: `hostile-${randomUUID()}`, title, authorName: "Editor", publishedAt: new Date("2099-01-01"), body } });

    const items = parseRss(await postsFeed());

    expect(items.filter((item) => item.title.includes("Injected"))).toHaveLength(1);
    expect(items[0]!.title).toBe(escaped(title));
    // The description is the body as plain text, escaped: it keeps the breakout as text, no markup.
    expect(items[0]!.description).toContain("Plain text that ends a section: excerpt]]&gt;]]&gt;");
    expect(items[0]!.description).toContain(escaped(markup));
    expect(items[0]!.description).not.toMatch(/[<>]/);
    expect(items[0]!["content:encoded"]).not.toMatch(/<img|<item>/);
    expect(items).toHaveLength(await db.post.count());
  });
});
