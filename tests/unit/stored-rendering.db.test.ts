import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));
const { submitComment } = await import("@/app/_lib/comments/submit");
const { listThread } = await import("@/app/_lib/comments/queries");
const { loadPost } = await import("@/app/_lib/posts/queries");
const { renderStale } = await import("@/app/_lib/content/rerender");
const { RENDERER_VERSION } = await import("@/app/_lib/content/markdown");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  await database.db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } });
});
afterAll(() => database.drop());

const newPost = (body = "The post.") => database.db.post.create({ data: { slug: `r-${randomUUID()}`, title: "R", authorName: "A", publishedAt: new Date(), body } });
const approved = (postId: string, body: string, extra: Record<string, unknown> = {}) =>
  database.db.comment.create({ data: { postId, guestName: "Guest", body, status: "APPROVED", ...extra } });
const shown = async (postId: string, id: string) => (await listThread(postId, null)).comments.find((comment) => comment.id === id)?.bodyHtml;

describe("Markdown rendered when it is written", () => {
  it("a submitted comment is stored with its sanitised HTML and the renderer's version", async () => {
    const post = await newPost();
    const reader = await makeViewer(database.db);
    const result = await submitComment(reader, { postId: post.id, body: "Plain **bold** <script>alert(1)</script>", acceptTerms: true, termsVersion: 1, submissionKey: randomUUID(), notifyReplies: false });
    expect(result.ok).toBe(true);
    const stored = await database.db.comment.findFirstOrThrow({ where: { postId: post.id } });
    expect(stored.bodyHtmlVersion).toBe(RENDERER_VERSION);
    expect(stored.bodyHtml).toContain("<strong>bold</strong>");
    expect(stored.bodyHtml).not.toContain("<script");
  });

  it("a text changed by a write that left the old rendering is never shown with it", async () => {
    const post = await newPost();
    const comment = await approved(post.id, "*Before*", { bodyHtml: "<p><em>Before</em></p>\n", bodyHtmlVersion: RENDERER_VERSION });
    await database.db.comment.update({ where: { id: comment.id }, data: { body: "*After*" } });
    expect(await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ bodyHtml: null, bodyHtmlVersion: null });
    expect(await shown(post.id, comment.id)).toBe("<p><em>After</em></p>\n");
  });

  it("a rendering of another renderer version is not served, and the job renders it again", async () => {
    const post = await newPost("**Post** text");
    await database.db.post.update({ where: { id: post.id }, data: { bodyHtml: "<p>old post rendering</p>", bodyHtmlVersion: RENDERER_VERSION - 1 } });
    const comment = await approved(post.id, "_Current_ words", { bodyHtml: "<p>old rendering</p>", bodyHtmlVersion: RENDERER_VERSION - 1 });
    expect(await shown(post.id, comment.id)).toBe("<p><em>Current</em> words</p>\n");
    expect((await loadPost(post.slug))?.bodyHtml).toContain("<strong>Post</strong>");

    const report = await renderStale(database.db, { batch: 2 });
    expect(report.comments).toBeGreaterThanOrEqual(1);
    expect(report.posts).toBeGreaterThanOrEqual(1);
    expect(await database.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({ bodyHtml: "<p><em>Current</em> words</p>\n", bodyHtmlVersion: RENDERER_VERSION });
    expect(await database.db.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ bodyHtmlVersion: RENDERER_VERSION });
    expect(await renderStale(database.db)).toEqual({ posts: 0, comments: 0 });
  });
});
