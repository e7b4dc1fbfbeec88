import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/prisma/seed/index";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function snapshot(db: TestDatabase["db"]) {
  return {
    posts: await db.post.findMany({ orderBy: { id: "asc" } }),
    comments: await db.comment.findMany({ orderBy: { id: "asc" } }),
    terms: await db.termsVersion.findMany({ orderBy: { version: "asc" } }),
  };
}

describe("seed", () => {
  it("creates the first post, its three responses and the first terms, and a second run changes nothing", async () => {
    const first = await seed(database.db);
    expect(first).toEqual({ postsCreated: 1, commentsCreated: 3, termsCreated: 1 });
    const afterFirst = await snapshot(database.db);

    const second = await seed(database.db);
    expect(second).toEqual({ postsCreated: 0, commentsCreated: 0, termsCreated: 0 });
    expect(await snapshot(database.db)).toEqual(afterFirst);

    expect(afterFirst.posts).toHaveLength(1);
    const post = afterFirst.posts[0]!;
    expect(post).toMatchObject({ slug: "mri-in-follow-up-of-sciatica", title: "MRI in Follow-up of\u00a0Sciatica", authorName: "Sara Fazio" });
    expect(post.publishedAt.toISOString().slice(0, 10)).toBe("2013-03-15");
    expect(afterFirst.comments.map((comment) => [comment.guestName, comment.status])).toEqual(
      expect.arrayContaining([
        ["Alexandros Zachos", "APPROVED"],
        ["Dr Sanjiv Desai", "APPROVED"],
        ["Steve Lockhart", "APPROVED"],
      ]),
    );
    expect(afterFirst.terms.map((terms) => terms.version)).toEqual([1]);
  });

  it("keeps every sentence of the source text in the stored post", async () => {
    await seed(database.db);
    const post = await database.db.post.findUniqueOrThrow({ where: { slug: "mri-in-follow-up-of-sciatica" } });
    const source = readFileSync(new URL("../../prisma/seed/post-mri-in-follow-up-of-sciatica.txt", import.meta.url), "utf8");
    const unescaped = post.body.replace(/\\(.)/g, "$1");
    for (const sentence of ["Nerve-root compression was observed significantly more frequently", "(39% vs. 16%, P<0.001)", "visible scar formation on MRI."]) {
      expect(source).toContain(sentence);
      expect(unescaped).toContain(sentence);
    }
  });
});
