import { randomBytes } from "node:crypto";
import { createDatabase } from "@/app/_lib/db/client";
import { resolveDatabase } from "@/app/_lib/db/url";

/** The database the server under test uses, for arranging data and checking what was stored. */
export const db = createDatabase(resolveDatabase(process.env.E2E_DATABASE_URL));

export const uniqueId = () => randomBytes(5).toString("hex");

export async function createPost(overrides: Partial<{ title: string; slug: string; publishedAt: Date; commentsOpen: boolean; body: string }> = {}) {
  const id = uniqueId();
  return db.post.create({
    data: {
      title: overrides.title ?? `A test post ${id}`,
      slug: overrides.slug ?? `test-post-${id}`,
      authorName: "Test Author",
      publishedAt: overrides.publishedAt ?? new Date(),
      body: overrides.body ?? "A paragraph of the post.",
      commentsOpen: overrides.commentsOpen ?? true,
    },
  });
}
