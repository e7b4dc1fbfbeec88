import type { Database } from "@/app/_lib/db/client";
import { commentRendering, postRendering, RENDERER_VERSION } from "./markdown";

const staleRendering = { OR: [{ bodyHtmlVersion: null }, { bodyHtmlVersion: { not: RENDERER_VERSION } }] };

/** Lets the server answer requests between batches. */
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Renders again every post and comment whose stored rendering is missing or of another renderer
 * version (after an upgrade, or rows written by hand). Pages never wait for it: until a row is
 * done it is rendered when read. A row whose text changed meanwhile is left to its new rendering.
 */
export async function renderStale(db: Database, { batch = 200 } = {}): Promise<{ posts: number; comments: number }> {
  const done = { posts: 0, comments: 0 };
  for (let after = ""; ; ) {
    const rows = await db.post.findMany({ where: { ...staleRendering, id: { gt: after } }, orderBy: { id: "asc" }, take: batch, select: { id: true, body: true } });
    for (const row of rows) done.posts += (await db.post.updateMany({ where: { id: row.id, body: row.body }, data: postRendering(row.body) })).count;
    if (rows.length < batch) break;
    after = rows.at(-1)!.id;
    await breathe();
  }
  for (let after = ""; ; ) {
    const rows = await db.comment.findMany({ where: { ...staleRendering, id: { gt: after } }, orderBy: { id: "asc" }, take: batch, select: { id: true, body: true } });
    if (rows.length) {
      await db.$transaction(async (tx) => {
        for (const row of rows) done.comments += (await tx.comment.updateMany({ where: { id: row.id, body: row.body }, data: commentRendering(row.body) })).count;
      });
    }
    if (rows.length < batch) break;
    after = rows.at(-1)!.id;
    await breathe();
  }
  return done;
}
