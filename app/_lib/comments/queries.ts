import "server-only";
import { db } from "@/app/_lib/db";
import { renderCommentMarkdown } from "@/app/_lib/content/markdown";

export type ThreadComment = {
  id: string;
  authorName: string;
  createdAt: Date;
  bodyHtml: string;
  /** The Markdown source, only for the author's own pending comment (to edit it). */
  editableBody: string | null;
  status: "APPROVED" | "PENDING" | "REJECTED";
  deleted: boolean;
  isOwn: boolean;
  rejectionReason: string | null;
  depth: number;
  replies: ThreadComment[];
};

/**
 * A post's thread as this viewer may see it: every approved comment, plus the viewer's own
 * pending and rejected ones. Oldest first, assembled in one pass over one query.
 */
export async function listThread(postId: string, viewerId: string | null): Promise<ThreadComment[]> {
  const rows = await db.comment.findMany({
    where: {
      postId,
      OR: [{ status: "APPROVED" }, ...(viewerId ? [{ authorId: viewerId, status: { in: ["PENDING" as const, "SPAM" as const, "REJECTED" as const] } }] : [])],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      parentId: true,
      authorId: true,
      guestName: true,
      body: true,
      status: true,
      deletedAt: true,
      rejectionReason: true,
      createdAt: true,
      author: { select: { name: true } },
    },
  });
  const byId = new Map<string, ThreadComment>();
  const roots: ThreadComment[] = [];
  for (const row of rows) {
    const isOwn = viewerId !== null && row.authorId === viewerId;
    const deleted = row.deletedAt !== null;
    byId.set(row.id, {
      id: row.id,
      authorName: row.author?.name ?? row.guestName ?? "Deleted user",
      createdAt: row.createdAt,
      bodyHtml: deleted ? "" : renderCommentMarkdown(row.body),
      editableBody: isOwn && row.status === "PENDING" ? row.body : null,
      // An author is not told that a filter took their comment for spam: it reads as pending.
      status: row.status === "SPAM" ? "PENDING" : (row.status as ThreadComment["status"]),
      deleted,
      isOwn,
      rejectionReason: isOwn ? row.rejectionReason : null,
      depth: 1,
      replies: [],
    });
  }
  // Rows come oldest first, so a parent is always placed before its replies.
  for (const row of rows) {
    const comment = byId.get(row.id)!;
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (parent) {
      comment.depth = parent.depth + 1;
      parent.replies.push(comment);
    } else {
      roots.push(comment);
    }
  }
  return roots;
}
