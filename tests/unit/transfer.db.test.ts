import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noneSkipped, type ImportedComment, type ImportedPost } from "@/app/_lib/transfer/bundle";
import { parseDisqusExport } from "@/app/_lib/transfer/disqus";
import { exportEverything } from "@/app/_lib/transfer/export";
import { commentHtmlToMarkdown } from "@/app/_lib/transfer/html-to-markdown";
import { importBundle } from "@/app/_lib/transfer/store";
import { parseWordpressExport } from "@/app/_lib/transfer/wordpress";
import { ImportFormatError } from "@/app/_lib/transfer/xml";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../fixtures", name), "utf8");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("comment HTML to Markdown", () => {
  it("keeps paragraphs, emphasis, links and quotes, and reduces everything else to text", () => {
    expect(commentHtmlToMarkdown('<p>One &amp; <em>two</em></p><p>See <a href="https://example.org/x" rel="nofollow">this</a>.</p>')).toBe(
      "One & *two*\n\nSee [this](https://example.org/x).",
    );
    expect(commentHtmlToMarkdown("Line one<br />line two<script>alert(1)</script>")).toBe("Line one\nline two");
    expect(commentHtmlToMarkdown("<blockquote>quoted</blockquote>reply")).toBe("> quoted\n\nreply");
    expect(commentHtmlToMarkdown('<a href="javascript:alert(1)">click</a> &#8230;')).toBe("click …");
  });
});

describe("WordPress import", () => {
  it("reads published posts and their comments with status, threading, dates and guest names", () => {
    const bundle = parseWordpressExport(fixture("wordpress-export.xml"));
    expect(bundle.posts).toHaveLength(1);
    const [post] = bundle.posts;
    expect(post).toMatchObject({ slug: "physiotherapy-and-sciatica", title: "Physiotherapy & Sciatica: What Helps?", authorName: "Dr Ada Editor", commentsOpen: true });
    expect(post!.publishedAt.toISOString()).toBe("2019-04-02T09:30:00.000Z");
    expect(post!.comments.map((comment) => [comment.authorName, comment.status])).toEqual([
      ["Ben Physio", "APPROVED"],
      ["Cara Clinician", "APPROVED"],
      ["Dan Waiting", "PENDING"],
      ["Cheap Pills", "SPAM"],
      ["Eve Removed", "TRASH"],
    ]);
    const reply = post!.comments[0]!;
    expect(reply).toMatchObject({ key: "wordpress:spine-blog.example.org:12", parentKey: "wordpress:spine-blog.example.org:11", body: "Agreed & thank you, Cara. The *timing* matters." });
    expect(reply.createdAt.toISOString()).toBe("2019-04-03T11:00:00.000Z");
  });

  it("stores them once: threads intact, guests as names, and a second import adds nothing", async () => {
    const db = database.db;
    const bundle = parseWordpressExport(fixture("wordpress-export.xml"));
    expect(await importBundle(db, bundle)).toMatchObject({ posts: { created: 1, matched: 0 }, comments: { created: 5, matched: 0, alreadyImported: 0 } });
    expect(await importBundle(db, parseWordpressExport(fixture("wordpress-export.xml")))).toMatchObject({ posts: { created: 0, matched: 1 }, comments: { created: 0, matched: 0, alreadyImported: 5 } });

    const post = await db.post.findUniqueOrThrow({ where: { slug: "physiotherapy-and-sciatica" }, include: { comments: { include: { parent: true } } } });
    expect(post.comments).toHaveLength(5);
    const reply = post.comments.find((comment) => comment.guestName === "Ben Physio")!;
    expect(reply).toMatchObject({ authorId: null, status: "APPROVED", importKey: "wordpress:spine-blog.example.org:12" });
    expect(reply.parent?.guestName).toBe("Cara Clinician");
    expect(post.comments.find((comment) => comment.guestName === "Cara Clinician")!.body).toBe("In our practice, **graded activity** helped most.\nSee [the trial](https://example.org/trial).");
    expect(await db.user.count({ where: { email: { contains: "example.net" } } })).toBe(0);
  });

  it("never hangs a reply from a comment imported before onto another post", async () => {
    const db = database.db;
    const tag = randomBytes(3).toString("hex");
    const comment = (n: number, parent: number | null): ImportedComment => ({
      key: `wordpress:moved-${tag}:${n}`,
      parentKey: parent === null ? null : `wordpress:moved-${tag}:${parent}`,
      authorName: `Reader ${n}`,
      authorEmail: null,
      body: `Comment ${n} of ${tag}.`,
      status: "APPROVED",
      createdAt: new Date(Date.UTC(2016, 0, n + 1)),
    });
    const post = (slug: string, comments: ImportedComment[]): ImportedPost => ({ slug, title: `Post ${slug}`, authorName: "Editor", publishedAt: new Date(Date.UTC(2016, 0, 1)), body: "A post.", commentsOpen: true, comments });
    await importBundle(db, { source: "wordpress", skipped: noneSkipped(), posts: [post(`first-${tag}`, [comment(1, null)])] });
    // A later file has the same comment under another post, with a new reply to it.
    const summary = await importBundle(db, { source: "wordpress", skipped: noneSkipped(), posts: [post(`second-${tag}`, [comment(1, null), comment(2, 1)])] });
    expect(summary.comments).toEqual({ created: 1, matched: 0, alreadyImported: 1 });

    const second = await db.post.findUniqueOrThrow({ where: { slug: `second-${tag}` }, include: { comments: { include: { parent: true } } } });
    expect(second.comments.map((stored) => [stored.body, stored.parent?.postId ?? null])).toEqual([[`Comment 2 of ${tag}.`, null]]);
    const first = await db.post.findUniqueOrThrow({ where: { slug: `first-${tag}` }, include: { comments: { include: { replies: true } } } });
    expect(first.comments.map((stored) => [stored.body, stored.replies.length])).toEqual([[`Comment 1 of ${tag}.`, 0]]);

    // A comment stored before fingerprints existed gets the one of the post it is on, so a later
    // file under new keys still recognises it there, after a reader claimed it (its name changed).
    const claimant = await db.user.create({ data: { email: `claimant-${tag}@example.org`, name: "Claimed Since" } });
    await db.comment.updateMany({ where: { postId: first.id }, data: { importFingerprint: null, authorId: claimant.id, guestName: null } });
    await importBundle(db, { source: "wordpress", skipped: noneSkipped(), posts: [post(`second-${tag}`, [comment(1, null)])] });
    const rekeyed = { ...comment(1, null), key: `wordpress:moved-${tag}-new-address:1` };
    expect((await importBundle(db, { source: "wordpress", skipped: noneSkipped(), posts: [post(`first-${tag}`, [rekeyed])] })).comments).toEqual({ created: 0, matched: 1, alreadyImported: 0 });
    expect(await db.comment.count({ where: { postId: first.id } })).toBe(1);
  });

  it("refuses a file that is not a WordPress export, or not XML, or declares entities", () => {
    expect(() => parseWordpressExport("<disqus></disqus>")).toThrow(ImportFormatError);
    expect(() => parseWordpressExport("<rss><channel>")).toThrow(/not well-formed XML/);
    expect(() => parseWordpressExport('<!DOCTYPE rss [<!ENTITY a "aaaa">]><rss><channel>&a;</channel></rss>')).toThrow(/entities/);
  });
});

describe("Disqus import", () => {
  it("matches threads to posts by address, keeps replies under their parents, and maps spam and deletions", async () => {
    const db = database.db;
    await db.post.create({ data: { slug: "lumbar-imaging-debate", title: "Lumbar imaging", authorName: "A", publishedAt: new Date("2020-05-01"), body: "Our own text." } });
    const bundle = parseDisqusExport(fixture("disqus-export.xml"));
    expect(await importBundle(db, bundle)).toMatchObject({ posts: { created: 0, matched: 1 }, comments: { created: 4, matched: 0, alreadyImported: 0 } });
    expect((await importBundle(db, parseDisqusExport(fixture("disqus-export.xml")))).comments).toEqual({ created: 0, matched: 0, alreadyImported: 4 });

    const post = await db.post.findUniqueOrThrow({ where: { slug: "lumbar-imaging-debate" }, include: { comments: { orderBy: { createdAt: "asc" }, include: { parent: true } } } });
    expect(post.body).toBe("Our own text.");
    expect(post.comments.map((comment) => [comment.guestName, comment.status, comment.parent?.guestName ?? null])).toEqual([
      ["Faye Radiologist", "APPROVED", null],
      ["Gil Surgeon", "APPROVED", "Faye Radiologist"],
      ["Spammer", "SPAM", null],
      ["Hal Hasty", "TRASH", null],
    ]);
    expect(post.comments[0]!.body).toBe("Imaging every patient is **wasteful**.\n\nSecond paragraph.");
  });
});

describe("export", () => {
  it("holds every table's rows and no password hashes, submission keys or guests' address hashes", async () => {
    const db = database.db;
    await db.user.create({ data: { name: "Exported Person", email: "exported@example.com", passwordHash: "$argon2id$secret-hash" } });
    const data = await exportEverything(db);
    expect(data).toMatchObject({ format: "vetted-export", version: 1 });
    expect(data.posts.length).toBe(await db.post.count());
    expect(data.comments.length).toBe(await db.comment.count());
    expect(data.users.find((user) => user.email === "exported@example.com")).toMatchObject({ name: "Exported Person" });
    const text = JSON.stringify(data);
    expect(text).not.toContain("secret-hash");
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("submissionKey");
    expect(text).not.toContain("guestEmailHash");
  });
});
