import "server-only";
import { db } from "@/app/_lib/db";
import { renderCommentMarkdown } from "@/app/_lib/content/markdown";

export type PublicComment = {
  id: string;
  authorName: string;
  createdAt: Date;
  bodyHtml: string;
  replies: PublicComment[];
};

/** A post's approved comments as a thread, oldest first, assembled in one pass. */
export async function listApprovedThread(postId: string): Promise<PublicComment[]> {
  const rows = await db.comment.findMany({
    where: { postId, status: "APPROVED" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      parentId: true,
      guestName: true,
      body: true,
      createdAt: true,
      author: { select: { name: true } },
    },
  });
  const byId = new Map<string, PublicComment>();
  const roots: PublicComment[] = [];
  for (const row of rows) {
    byId.set(row.id, {
      id: row.id,
      authorName: row.author?.name ?? row.guestName ?? "Anonymous",
      createdAt: row.createdAt,
      bodyHtml: renderCommentMarkdown(row.body),
      replies: [],
    });
  }
  for (const row of rows) {
    const comment = byId.get(row.id)!;
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    // A reply whose parent is not published is shown at the top level rather than lost.
    (parent ? parent.replies : roots).push(comment);
  }
  return roots;
}
