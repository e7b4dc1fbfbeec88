/**
 * Seeds what a new site needs: the first Terms and Conditions and the first post with its
 * published responses. Idempotent: what exists already is left as it is, so running it again
 * (every `npm start` does) changes nothing and duplicates nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "../../app/_lib/db/client";
import { commentRendering, postRendering } from "../../app/_lib/content/markdown";
import { SEEDED_SUBMISSION_PREFIX } from "../../app/_lib/transfer/recognise";
import { parsePostText } from "./parse-post";

const seedDir = path.dirname(new URL(import.meta.url).pathname);

export const SEED_POSTS = ["post-mri-in-follow-up-of-sciatica.txt"];
export const FIRST_TERMS = { version: 1, effectiveAt: new Date(Date.UTC(2026, 10, 1)), file: "terms-v1.md" };

export type SeedReport = { termsCreated: number; postsCreated: number; commentsCreated: number };

export async function seed(db: Database): Promise<SeedReport> {
  const report: SeedReport = { termsCreated: 0, postsCreated: 0, commentsCreated: 0 };

  if (!(await db.termsVersion.findUnique({ where: { version: FIRST_TERMS.version }, select: { version: true } }))) {
    await db.termsVersion.create({
      data: {
        version: FIRST_TERMS.version,
        effectiveAt: FIRST_TERMS.effectiveAt,
        body: readFileSync(path.join(seedDir, FIRST_TERMS.file), "utf8"),
      },
    });
    report.termsCreated = 1;
  }

  for (const file of SEED_POSTS) {
    const parsed = parsePostText(readFileSync(path.join(seedDir, file), "utf8"));
    const created = await db.$transaction(async (tx) => {
      if (await tx.post.findUnique({ where: { slug: parsed.slug }, select: { id: true } })) return null;
      const post = await tx.post.create({
        data: {
          slug: parsed.slug,
          title: parsed.title,
          authorName: parsed.authorName,
          publishedAt: parsed.publishedAt,
          body: parsed.body,
          ...postRendering(parsed.body),
        },
      });
      // The responses were published before this site existed: guest authors, already approved,
      // a minute apart so their order is stable.
      for (const [position, response] of parsed.responses.entries()) {
        const at = new Date(parsed.publishedAt.getTime() + (position + 1) * 60_000);
        await tx.comment.create({
          data: {
            postId: post.id,
            guestName: response.authorName,
            body: response.body,
            ...commentRendering(response.body),
            status: "APPROVED",
            submissionKey: `${SEEDED_SUBMISSION_PREFIX}${parsed.slug}:${position + 1}`,
            createdAt: at,
            decidedAt: at,
          },
        });
      }
      return parsed.responses.length;
    });
    if (created !== null) {
      report.postsCreated += 1;
      report.commentsCreated += created;
    }
  }
  return report;
}
