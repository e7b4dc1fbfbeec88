import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";

/** Turns reply emails for one of the reader's own comments on or off; nobody else's. */
export async function setReplyEmails(viewer: Viewer | null, commentId: string, notifyReplies: boolean): Promise<boolean> {
  if (!viewer) return false;
  const updated = await db.comment.updateMany({ where: { id: commentId, authorId: viewer.id, deletedAt: null }, data: { notifyReplies } });
  return updated.count === 1;
}
