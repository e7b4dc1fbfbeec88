import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { seed } from "@/prisma/seed/index";
import { listThread, type ThreadComment } from "@/app/_lib/comments/queries";
import { noneSkipped, type ImportBundle, type ImportedComment, type ImportedPost } from "@/app/_lib/transfer/bundle";
import { importBundle } from "@/app/_lib/transfer/store";
import { describeImport } from "@/app/_lib/transfer/summary";
import { parseWordpressExport } from "@/app/_lib/transfer/wordpress";
import { guestAddressHash } from "@/app/_lib/users/guest-address";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";
import { makeViewer } from "../support/viewer";
import { claimComments, countClaimableComments } from "@/app/_lib/account/claim";

// The file WordPress 6.1.9's own exporter wrote for a site holding the seed post; used as it is.
const WORDPRESS_EXPORT = readFileSync(path.resolve(__dirname, "../fixtures/wordpress-6.1-export.xml"), "utf8");
const SEED_SLUG = "mri-in-follow-up-of-sciatica";

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(drops.splice(0).map((drop) => drop()));
});

/** A fresh install: migrated, with the seed post and its three responses, as `npm start` leaves it. */
async function freshInstall(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  drops.push(database.drop);
  await seed(database.db);
  return database;
}

/** Every row of every table an import writes to, to prove a dry run wrote nothing. */
async function everything(database: TestDatabase) {
  const [posts, comments, users] = await Promise.all([
    database.db.post.findMany({ orderBy: { id: "asc" } }),
    database.db.comment.findMany({ orderBy: { id: "asc" } }),
    database.db.user.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { posts, comments, users };
}

async function seedPostThread(database: TestDatabase) {
  return database.db.comment.findMany({
    where: { post: { slug: SEED_SLUG } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, guestName: true, status: true, parentId: true, createdAt: true, importKey: true, submissionKey: true, guestEmailHash: true, body: true },
  });
}

describe("WordPress 6.1's own export", () => {
  it("is read as its published posts, with pages, drafts and the pingback counted as skipped", () => {
    const bundle = parseWordpressExport(WORDPRESS_EXPORT);
    expect(bundle.posts.map((post) => post.slug)).toEqual(["hello-world", SEED_SLUG, "imaging-after-discectomy"]);
    expect(bundle.skipped).toMatchObject({ draftPosts: 1, pages: 2, pingbacks: 1, trackbacks: 0, commentsOnUnpublished: 0, emptyComments: 0 });
    const seedPost = bundle.posts[1]!;
    // dc:creator is a login; the export's author list has the name readers saw.
    expect(seedPost.authorName).toBe("Sara Fazio");
    expect(seedPost.comments.map((comment) => [comment.authorName, comment.status])).toEqual([
      ["Alexandros Zachos", "APPROVED"],
      ["Dr Sanjiv Desai", "APPROVED"],
      ["Steve Lockhart", "APPROVED"],
      ["Maria Müller", "APPROVED"],
      ["Steve Lockhart", "APPROVED"],
      ["Pending Person", "PENDING"],
      ["Trashed Talk", "TRASH"],
      ["Scripted", "APPROVED"],
    ]);
    expect(seedPost.comments[0]).toMatchObject({ authorEmail: "alexandros.zachos@example.com" });
    expect(seedPost.comments[7]!.body).toBe("Hello  world");
  });

  it("a dry run on a fresh install reports what the import would do and writes nothing", async () => {
    const database = await freshInstall();
    const before = await everything(database);
    const summary = await importBundle(database.db, parseWordpressExport(WORDPRESS_EXPORT), { dryRun: true });
    expect(summary).toEqual({
      dryRun: true,
      posts: { created: 2, matched: 1 },
      comments: { created: 7, matched: 3, alreadyImported: 0 },
      skipped: { draftPosts: 1, pages: 2, otherItems: 0, pingbacks: 1, trackbacks: 0, commentsOnUnpublished: 0, emptyComments: 0, orphanComments: 0, removedHere: 0 },
    });
    expect(await everything(database)).toEqual(before);
    expect(describeImport("wordpress", summary)).toBe(
      [
        "WordPress import, dry run: nothing was written.",
        "Posts: 2 to create, 1 already here.",
        "Comments: 7 to create, 3 already here, 0 imported before.",
        "Skipped: 1 draft post, 2 pages, 1 pingback.",
      ].join("\n"),
    );
  });

  it("recognises the seeded responses instead of adding them again, and threads the rest under them", async () => {
    const database = await freshInstall();
    const seeded = await seedPostThread(database);
    expect(seeded.map((comment) => comment.guestName)).toEqual(["Alexandros Zachos", "Dr Sanjiv Desai", "Steve Lockhart"]);

    const summary = await importBundle(database.db, parseWordpressExport(WORDPRESS_EXPORT));
    expect(summary).toMatchObject({ dryRun: false, posts: { created: 2, matched: 1 }, comments: { created: 7, matched: 3, alreadyImported: 0 } });

    const thread = await seedPostThread(database);
    const published = thread.filter((comment) => comment.status === "APPROVED");
    expect(published.map((comment) => comment.guestName)).toEqual(["Alexandros Zachos", "Dr Sanjiv Desai", "Steve Lockhart", "Maria Müller", "Steve Lockhart", "Scripted"]);
    // The seeded rows are the ones kept, now with the export's times and keys.
    expect(published.slice(0, 3).map((comment) => comment.id)).toEqual(seeded.map((comment) => comment.id));
    expect(published.slice(0, 3).map((comment) => [comment.createdAt.toISOString(), comment.importKey, comment.submissionKey])).toEqual([
      ["2013-03-15T10:12:00.000Z", "wordpress:journal.example:2", null],
      ["2013-03-15T11:40:00.000Z", "wordpress:journal.example:3", null],
      ["2013-03-16T08:05:00.000Z", "wordpress:journal.example:4", null],
    ]);
    const [, , steve, maria, reply, scripted] = published;
    expect(maria!.parentId).toBe(steve!.id);
    expect(reply!.parentId).toBe(maria!.id);
    expect(maria!.body).toContain("**Multifidus**");
    expect(maria!.body).toContain("椎間板 ✓ 🙂");
    expect(scripted!.body).not.toMatch(/script|onerror|alert/);
    expect(thread.filter((comment) => comment.status !== "APPROVED").map((comment) => [comment.guestName, comment.status])).toEqual([
      ["Pending Person", "PENDING"],
      ["Trashed Talk", "TRASH"],
    ]);
    // Addresses are kept only as keyed hashes.
    expect(maria!.guestEmailHash).toBe(guestAddressHash("maria.m.ller@example.com"));
    expect(JSON.stringify(await everything(database))).not.toContain("@example.com");

    expect(await importBundle(database.db, parseWordpressExport(WORDPRESS_EXPORT))).toMatchObject({ posts: { created: 0, matched: 3 }, comments: { created: 0, matched: 0, alreadyImported: 10 } });
    expect(await seedPostThread(database)).toEqual(thread);
  });
});

describe("recognising a comment the site already holds", () => {
  const exportWith = (comment: { author: string; date: string; content: string; email?: string }, post = { slug: "a-recognised-post", title: "A Recognised Post", date: "2020-01-02 10:00:00" }) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><wp:base_site_url>https://other.example</wp:base_site_url>
<item><title>${post.title}</title><dc:creator>ed</dc:creator><content:encoded><![CDATA[<p>Text.</p>]]></content:encoded>
<wp:post_id>1</wp:post_id><wp:post_date_gmt>${post.date}</wp:post_date_gmt><wp:post_name>${post.slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author><![CDATA[${comment.author}]]></wp:comment_author><wp:comment_author_email>${comment.email ?? ""}</wp:comment_author_email>
<wp:comment_date_gmt>${comment.date}</wp:comment_date_gmt><wp:comment_content><![CDATA[${comment.content}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>`;

  async function siteWithTypedComment(body: string, createdAt: Date) {
    const database = await createTestDatabase();
    drops.push(database.drop);
    const author = await database.db.user.create({ data: { name: "Rita Reader", email: "rita@example.org" } });
    const post = await database.db.post.create({ data: { slug: "a-recognised-post", title: "A Recognised Post", authorName: "Ed", publishedAt: new Date("2020-01-02T10:00:00Z"), body: "Text." } });
    const comment = await database.db.comment.create({ data: { postId: post.id, authorId: author.id, body, status: "APPROVED", createdAt } });
    return { database, comment };
  }

  it("matches a typed-in comment with the same author, minute and text, however its quotes, escapes, case and spacing differ", async () => {
    const { database, comment } = await siteWithTypedComment("It\\'s *the* “best”   answer…\nreally", new Date("2020-01-03T08:15:42Z"));
    const summary = await importBundle(database.db, parseWordpressExport(exportWith({ author: " rita reader ", date: "2020-01-03 08:15:05", content: "<p>It&#8217;s <em>the</em> \"best\" answer...</p> <p>Really</p>" })));
    expect(summary.comments).toEqual({ created: 0, matched: 1, alreadyImported: 0 });
    const stored = await database.db.comment.findMany();
    expect(stored).toHaveLength(1);
    // A comment whose time was known keeps it and its author.
    expect(stored[0]).toMatchObject({ id: comment.id, authorId: comment.authorId, createdAt: comment.createdAt, importKey: "wordpress:other.example:7", guestEmailHash: null });
  });

  it("adds the comment when the minute, the text or the author differs", async () => {
    for (const different of [
      { author: "Rita Reader", date: "2020-01-03 08:16:00", content: "The same words." },
      { author: "Rita Reader", date: "2020-01-03 08:15:00", content: "Other words." },
      { author: "Rita Writer", date: "2020-01-03 08:15:00", content: "The same words." },
    ]) {
      const { database } = await siteWithTypedComment("The same words.", new Date("2020-01-03T08:15:30Z"));
      expect((await importBundle(database.db, parseWordpressExport(exportWith(different)))).comments, JSON.stringify(different)).toEqual({ created: 1, matched: 0, alreadyImported: 0 });
      expect(await database.db.comment.count()).toBe(2);
    }
  });

  it("finds a post under another address by its title and day, and keeps its text", async () => {
    const { database } = await siteWithTypedComment("Words.", new Date("2020-01-03T08:15:30Z"));
    const summary = await importBundle(database.db, parseWordpressExport(exportWith({ author: "Rita Reader", date: "2020-01-03 08:15:00", content: "Words." }, { slug: "renamed-on-the-old-site", title: "A recognised post", date: "2020-01-02 18:30:00" })));
    expect(summary).toMatchObject({ posts: { created: 0, matched: 1 }, comments: { created: 0, matched: 1 } });
    expect(await database.db.post.findMany({ select: { slug: true, body: true } })).toEqual([{ slug: "a-recognised-post", body: "Text." }]);
  });

  it("a new site secret refreshes the hashes of unclaimed guests' addresses when the file is imported again", async () => {
    const database = await createTestDatabase();
    drops.push(database.drop);
    const file = exportWith({ author: "Gus Guest", date: "2020-01-03 08:15:00", content: "Hello.", email: "Gus@Example.org" });
    await importBundle(database.db, parseWordpressExport(file));
    const before = await database.db.comment.findFirstOrThrow({ select: { guestEmailHash: true } });
    expect(before.guestEmailHash).toBe(guestAddressHash("gus@example.org"));
    const secret = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "a-rotated-secret";
    try {
      expect((await importBundle(database.db, parseWordpressExport(file))).comments.alreadyImported).toBe(1);
      const after = await database.db.comment.findFirstOrThrow({ select: { guestEmailHash: true } });
      expect(after.guestEmailHash).toBe(guestAddressHash("gus@example.org"));
      expect(after.guestEmailHash).not.toBe(before.guestEmailHash);
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
  });
});

describe("what one import must never do", () => {
  const comment = (key: string, overrides: Partial<ImportedComment> = {}): ImportedComment => ({
    key,
    parentKey: null,
    authorName: `Author of ${key}`,
    authorEmail: null,
    body: `Words of ${key}.`,
    status: "APPROVED",
    createdAt: new Date(Date.UTC(2021, 4, 1, 9, Number(key.split(":").at(-1)) % 60)),
    ...overrides,
  });
  const post = (slug: string, title: string, publishedAt: Date, comments: ImportedComment[]): ImportedPost => ({ slug, title, authorName: "Ed", publishedAt, body: `Text of ${slug}.`, commentsOpen: true, comments });
  const bundle = (...posts: ImportedPost[]): ImportBundle => ({ source: "wordpress", posts, skipped: noneSkipped() });

  async function emptySite() {
    const database = await createTestDatabase();
    drops.push(database.drop);
    return database;
  }

  it("two posts of one file with the same title on the same day stay two posts, in the dry run and the real one", async () => {
    const database = await emptySite();
    const file = bundle(
      post("weekly-links", "Weekly links", new Date("2021-05-01T08:00:00Z"), [comment("f:1")]),
      post("weekly-links-2", "Weekly links", new Date("2021-05-01T20:00:00Z"), [comment("f:2")]),
    );
    expect((await importBundle(database.db, file, { dryRun: true })).posts).toEqual({ created: 2, matched: 0 });
    expect((await importBundle(database.db, file)).posts).toEqual({ created: 2, matched: 0 });
    const posts = await database.db.post.findMany({ orderBy: { slug: "asc" }, select: { slug: true, body: true, comments: { select: { importKey: true } } } });
    expect(posts).toEqual([
      { slug: "weekly-links", body: "Text of weekly-links.", comments: [{ importKey: "f:1" }] },
      { slug: "weekly-links-2", body: "Text of weekly-links-2.", comments: [{ importKey: "f:2" }] },
    ]);
  });

  it("a comment imported before from another format or address is recognised, and keeps the key it came with", async () => {
    const database = await emptySite();
    const at = new Date("2021-05-01T10:00:00Z");
    await importBundle(database.db, { source: "disqus", skipped: noneSkipped(), posts: [post("shared-post", "Shared", at, [comment("disqus:1", { authorName: "Carol", body: "Same words.", createdAt: at })])] });
    const again = await importBundle(database.db, bundle(post("shared-post", "Shared", at, [comment("wordpress:blog:5", { authorName: "Carol", body: "Same words.", createdAt: new Date(at.getTime() + 20_000) })])));
    expect(again.comments).toEqual({ created: 0, matched: 1, alreadyImported: 0 });
    expect(await database.db.comment.findMany({ select: { importKey: true } })).toEqual([{ importKey: "disqus:1" }]);
  });

  it("the same blog exported again under a new address adds nothing to the seeded post", async () => {
    const database = await freshInstall();
    await importBundle(database.db, parseWordpressExport(WORDPRESS_EXPORT));
    const moved = await importBundle(database.db, parseWordpressExport(WORDPRESS_EXPORT.replaceAll("https://journal.example", "https://www.journal.example")));
    expect(moved).toMatchObject({ posts: { created: 0, matched: 3 }, comments: { created: 0, matched: 10, alreadyImported: 0 } });
    expect(await database.db.comment.count({ where: { post: { slug: SEED_SLUG }, status: "APPROVED" } })).toBe(6);
  });

  it("a comment deleted here since the import is not brought back by importing the file again", async () => {
    const database = await emptySite();
    const file = bundle(post("kept-post", "Kept", new Date("2021-05-01T08:00:00Z"), [comment("f:1", { body: "Words Dora wants erased." }), comment("f:2")]));
    await importBundle(database.db, file);
    await database.db.comment.delete({ where: { importKey: "f:1" } });
    const again = await importBundle(database.db, file);
    expect(again.comments).toEqual({ created: 0, matched: 0, alreadyImported: 1 });
    expect(again.skipped.removedHere).toBe(1);
    expect(describeImport("wordpress", again)).toContain("Skipped: 1 comment deleted here since an earlier import.");
    expect(await database.db.comment.findMany({ select: { importKey: true } })).toEqual([{ importKey: "f:2" }]);
  });

  it("a post matched by its address is not also taken by another post of the file with its title", async () => {
    const database = await emptySite();
    const day = new Date("2021-05-01T08:00:00Z");
    await importBundle(database.db, bundle(post("weekly-links", "Weekly links", day, [comment("old:1")])));
    const file = bundle(post("weekly-links", "Weekly links", day, [comment("new:1")]), post("weekly-links-2", "Weekly links", new Date(day.getTime() + 3_600_000), [comment("new:2")]));
    expect((await importBundle(database.db, file, { dryRun: true })).posts).toEqual({ created: 1, matched: 1 });
    expect((await importBundle(database.db, file)).posts).toEqual({ created: 1, matched: 1 });
    expect(await database.db.post.count()).toBe(2);
  });

  it("under a new address, a comment deleted here stays deleted, a claimed one is not added again, and an emptied one does not come back", async () => {
    const database = await emptySite();
    setAppDatabase(database.db);
    const at = new Date("2021-05-01T08:00:00Z");
    const exported = (site: string) =>
      bundle(
        post("moved-blog", "Moved", at, [
          comment(`wordpress:${site}:1`, { authorName: "Dora", body: "Words Dora wants erased." }),
          comment(`wordpress:${site}:2`, { authorName: "Gus Guest", authorEmail: "gus@example.org", body: "Gus wrote this." }),
          comment(`wordpress:${site}:3`, { authorName: "Gus Guest", authorEmail: "gus@example.org", body: "Gus regrets this." }),
          comment(`wordpress:${site}:4`, { authorName: "Hal", parentKey: `wordpress:${site}:3`, body: "A reply that keeps the thread." }),
          comment(`wordpress:${site}:5`, { authorName: "Ivy", body: "Just a comment." }),
        ]),
      );
    await importBundle(database.db, exported("old.example"));
    await database.db.comment.delete({ where: { importKey: "wordpress:old.example:1" } });
    const gus = await makeViewer(database.db, { email: "gus@example.org", name: "Gus Registered" });
    await database.db.user.update({ where: { id: gus.id }, data: { emailVerified: new Date() } });
    expect(await claimComments(gus)).toMatchObject({ ok: true, claimed: 2 });
    // Gus deletes one of his; its reply keeps the thread, so it stays as an emptied row.
    await database.db.comment.update({ where: { importKey: "wordpress:old.example:3" }, data: { body: "", deletedAt: new Date() } });

    const moved = await importBundle(database.db, exported("new.example"));
    expect(moved.comments).toEqual({ created: 0, matched: 3, alreadyImported: 0 });
    expect(moved.skipped.removedHere).toBe(2);
    expect(await database.db.comment.count()).toBe(4);
    expect(await database.db.comment.count({ where: { body: { in: ["Words Dora wants erased.", "Gus regrets this."] } } })).toBe(0);
    expect(await countClaimableComments(gus)).toBe(0);
  });

  it("one comment here answers for one comment of the file: two same-looking comments under new keys are not merged, nor both hidden by one deletion", async () => {
    const at = new Date("2021-05-01T09:00:00Z");
    const file = (site: string) => bundle(post("plus-one", "Plus one", at, [comment(`${site}:1`, { authorName: "Anonymous", body: "+1", createdAt: at }), comment(`${site}:2`, { authorName: "Anonymous", body: "+1", createdAt: at })]));
    const kept = await emptySite();
    await importBundle(kept.db, bundle(post("plus-one", "Plus one", at, [comment("old:1", { authorName: "Anonymous", body: "+1", createdAt: at })])));
    expect((await importBundle(kept.db, file("new"))).comments).toEqual({ created: 1, matched: 1, alreadyImported: 0 });
    expect(await kept.db.comment.count()).toBe(2);

    const deleted = await emptySite();
    await importBundle(deleted.db, bundle(post("plus-one", "Plus one", at, [comment("old:1", { authorName: "Anonymous", body: "+1", createdAt: at })])));
    await deleted.db.comment.delete({ where: { importKey: "old:1" } });
    const again = await importBundle(deleted.db, file("new"));
    expect(again.comments).toEqual({ created: 1, matched: 0, alreadyImported: 0 });
    expect(again.skipped.removedHere).toBe(1);
  });

  it("a new reply to a comment recognised by its content, and trashed here, is placed where the page shows it", async () => {
    const database = await emptySite();
    setAppDatabase(database.db);
    const at = new Date("2021-05-01T08:00:00Z");
    await importBundle(database.db, bundle(post("copied-parent", "Copied parent", at, [comment("old:1", { authorName: "Dora", body: "The parent." })])));
    await database.db.comment.update({ where: { importKey: "old:1" }, data: { status: "TRASH" } });
    await importBundle(database.db, bundle(post("copied-parent", "Copied parent", at, [comment("new:1", { authorName: "Dora", body: "The parent." }), comment("new:2", { parentKey: "new:1" })])));
    const stored = await database.db.post.findUniqueOrThrow({ where: { slug: "copied-parent" }, select: { id: true } });
    const { comments } = await listThread(stored.id, null, 1, 3);
    expect(comments.map((item) => item.authorName)).toEqual(["Author of new:2"]);
  });

  it("a reply to a comment imported before and trashed here since is placed where the page shows it", async () => {
    const database = await emptySite();
    setAppDatabase(database.db);
    const at = new Date("2021-05-01T08:00:00Z");
    await importBundle(database.db, bundle(post("trashed-parent", "Trashed parent", at, [comment("f:1")])));
    await database.db.comment.update({ where: { importKey: "f:1" }, data: { status: "TRASH" } });
    await importBundle(database.db, bundle(post("trashed-parent", "Trashed parent", at, [comment("f:1"), comment("f:2", { parentKey: "f:1" })])));
    const stored = await database.db.post.findUniqueOrThrow({ where: { slug: "trashed-parent" }, select: { id: true } });
    const { comments } = await listThread(stored.id, null, 1, 3);
    expect(comments.map((item) => item.authorName)).toEqual(["Author of f:2"]);
  });

  it("every published comment the post counts is shown: replies too deep, and replies to unpublished comments, are placed where the page shows them", async () => {
    const database = await emptySite();
    setAppDatabase(database.db);
    const chain = [1, 2, 3, 4, 5].map((n) => comment(`f:${n}`, { parentKey: n > 1 ? `f:${n - 1}` : null }));
    const underTrash = [comment("f:6", { status: "TRASH" }), comment("f:7", { parentKey: "f:6" }), comment("f:8", { status: "PENDING", parentKey: "f:2" }), comment("f:9", { parentKey: "f:8" })];
    await importBundle(database.db, bundle(post("deep-post", "Deep", new Date("2021-05-01T08:00:00Z"), [...chain, ...underTrash])));
    const stored = await database.db.post.findUniqueOrThrow({ where: { slug: "deep-post" }, select: { id: true } });
    const counted = await database.db.comment.count({ where: { postId: stored.id, status: "APPROVED" } });
    const { comments } = await listThread(stored.id, null, 1, 3);
    const shown: [string, number][] = [];
    const walk = (list: ThreadComment[]) => list.forEach((item) => (shown.push([item.authorName, item.depth]), walk(item.replies)));
    walk(comments);
    expect(counted).toBe(7);
    expect(shown).toEqual([
      ["Author of f:1", 1],
      ["Author of f:2", 2],
      ["Author of f:3", 3],
      ["Author of f:4", 3],
      ["Author of f:5", 3],
      // f:9 answered the pending f:8, itself an answer to f:2.
      ["Author of f:9", 3],
      ["Author of f:7", 1],
    ]);
  });

  it("recognising copies takes time in proportion to the comments, however many one author wrote on one post", async () => {
    const database = await emptySite();
    const at = Date.UTC(2021, 0, 1);
    const minute = (n: number) => new Date(at + n * 60_000);
    /** A post where one author wrote `count` comments here and as many in the file: the dry run's time. */
    async function dryRunMs(slug: string, count: number): Promise<number> {
      const stored = await database.db.post.create({ data: { slug, title: slug, authorName: "Ed", publishedAt: new Date(at), body: "Text." } });
      // One author's comments here at even minutes; the file's, by the same name, at odd ones.
      for (let start = 0; start < count; start += 5_000) {
        await database.db.comment.createMany({
          data: Array.from({ length: Math.min(5_000, count - start) }, (_, offset) => ({ postId: stored.id, guestName: "Prolific Poster", body: `Typed here ${start + offset}.`, status: "APPROVED" as const, createdAt: minute(2 * (start + offset)) })),
        });
      }
      const imported = Array.from({ length: count }, (_, n) => comment(`${slug}:${n}`, { authorName: "Prolific Poster", body: `Imported ${n}.`, createdAt: minute(2 * n + 1) }));
      const started = performance.now();
      const summary = await importBundle(database.db, bundle(post(slug, slug, new Date(at), imported)), { dryRun: true });
      expect(summary.comments).toEqual({ created: count, matched: 0, alreadyImported: 0 });
      return performance.now() - started;
    }
    // Four times the comments take about four times as long when each is compared with the few of
    // its minute, and sixteen times when each was compared with every comment of its author (16 s
    // for 20,000 here). A ratio, not a time: the machine's speed on the day cancels out.
    const few = await dryRunMs("prolific-few", 4_000);
    const many = await dryRunMs("prolific-many", 16_000);
    expect(many / few).toBeLessThan(8);
  }, 120_000);
});
