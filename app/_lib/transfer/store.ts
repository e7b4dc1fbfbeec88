import type { Database } from "@/app/_lib/db/client";
import { COMMENT_MAX, NAME_MAX } from "@/app/_lib/schemas/limits";
import type { ImportBundle, ImportedComment } from "./bundle";
import { truncate } from "@/app/_lib/content/truncate";
import { commentRendering, postRendering } from "@/app/_lib/content/markdown";

const commentRenderingOf = (body: string) => ({ body, ...commentRendering(body) });

export type ImportReport = { postsCreated: number; postsFound: number; commentsCreated: number; commentsAlreadyImported: number };

/** Parents before their replies, whatever order the export listed them in. */
function parentsFirst(comments: ImportedComment[]): ImportedComment[] {
  const byKey = new Map(comments.map((comment) => [comment.key, comment]));
  const ordered: ImportedComment[] = [];
  const placed = new Set<string>();
  const place = (comment: ImportedComment, trail: Set<string>) => {
    if (placed.has(comment.key) || trail.has(comment.key)) return;
    trail.add(comment.key);
    const parent = comment.parentKey ? byKey.get(comment.parentKey) : undefined;
    if (parent) place(parent, trail);
    placed.add(comment.key);
    ordered.push(comment);
  };
  for (const comment of [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) place(comment, new Set());
  return ordered;
}

/**
 * Stores what an export held. Posts are matched by address (an existing post keeps its text);
 * comments by their import key, so a second run adds nothing. Guest authors keep their names
 * without accounts. Each post's comments go in one transaction.
 */
export async function importBundle(db: Database, bundle: ImportBundle): Promise<ImportReport> {
  const report: ImportReport = { postsCreated: 0, postsFound: 0, commentsCreated: 0, commentsAlreadyImported: 0 };
  for (const imported of bundle.posts) {
    let post = await db.post.findUnique({ where: { slug: imported.slug }, select: { id: true } });
    if (post) report.postsFound += 1;
    else {
      post = await db.post.create({
        data: {
          slug: imported.slug,
          title: truncate(imported.title, 300),
          authorName: truncate(imported.authorName, NAME_MAX),
          publishedAt: imported.publishedAt,
          body: imported.body,
          ...postRendering(imported.body),
          commentsOpen: imported.commentsOpen,
        },
        select: { id: true },
      });
      report.postsCreated += 1;
    }
    const postId = post.id;
    const keys = imported.comments.map((comment) => comment.key);
    await db.$transaction(async (tx) => {
      const existing = await tx.comment.findMany({ where: { importKey: { in: keys } }, select: { id: true, importKey: true } });
      const idByKey = new Map(existing.map((row) => [row.importKey!, row.id]));
      report.commentsAlreadyImported += existing.length;
      for (const comment of parentsFirst(imported.comments)) {
        if (idByKey.has(comment.key)) continue;
        const created = await tx.comment.create({
          data: {
            postId,
            guestName: truncate(comment.authorName, NAME_MAX),
            parentId: comment.parentKey ? (idByKey.get(comment.parentKey) ?? null) : null,
            ...commentRenderingOf(truncate(comment.body, COMMENT_MAX)),
            status: comment.status,
            decidedAt: comment.status === "PENDING" ? null : comment.createdAt,
            importKey: comment.key,
            createdAt: comment.createdAt,
          },
          select: { id: true },
        });
        idByKey.set(comment.key, created.id);
        report.commentsCreated += 1;
      }
    }, { timeout: 120_000 });
  }
  return report;
}
