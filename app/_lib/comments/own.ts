import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { isForeignKeyViolation } from "@/app/_lib/db/errors";
import type { EditCommentInput } from "@/app/_lib/schemas/comment";
import { commentingBlockedReason } from "@/app/_lib/users/standing";
import { commentRendering } from "@/app/_lib/content/markdown";

export type OwnCommentResult = { ok: true; postSlug: string; wasPublished?: boolean } | { ok: false; message: string };

const NOT_YOURS = "You can only change your own comments.";

/** An author may edit their comment while it waits for moderation; the old text is kept. */
export async function editOwnComment(viewer: Viewer | null, input: EditCommentInput): Promise<OwnCommentResult> {
  if (!viewer) return { ok: false, message: "You must be logged in to edit a comment." };
  const blocked = commentingBlockedReason(viewer);
  if (blocked) return { ok: false, message: blocked };
  const comment = await db.comment.findUnique({
    where: { id: input.commentId },
    select: { authorId: true, status: true, decidedById: true, body: true, post: { select: { slug: true } } },
  });
  if (!comment || comment.authorId !== viewer.id) return { ok: false, message: NOT_YOURS };
  const filedByFilter = comment.status === "SPAM" && comment.decidedById === null;
  if (comment.status !== "PENDING" && !filedByFilter) return { ok: false, message: "This comment has been moderated and can no longer be edited." };
  if (comment.body === input.body) return { ok: true, postSlug: comment.post.slug };

  const changed = await db.$transaction(async (tx) => {
    // Conditional on still awaiting a moderator and unchanged, so a decision made meanwhile wins.
    // A comment the filters put in Spam awaits one too: its author was told so, and is treated so.
    const updated = await tx.comment.updateMany({
      where: { id: input.commentId, authorId: viewer.id, body: comment.body, OR: [{ status: "PENDING" }, { status: "SPAM", decidedById: null }] },
      data: { body: input.body, ...commentRendering(input.body), revision: { increment: 1 } },
    });
    if (updated.count === 1) await tx.commentRevision.create({ data: { commentId: input.commentId, body: comment.body, editedById: viewer.id } });
    return updated.count === 1;
  });
  return changed ? { ok: true, postSlug: comment.post.slug } : { ok: false, message: "This comment was moderated meanwhile and can no longer be edited." };
}

/**
 * An author may delete their own comment. One with replies stays as "This comment was deleted."
 * (its text removed) so the thread keeps its shape: nothing an author does removes another
 * reader's words. The delete itself requires that no reply exists, so a reply stored meanwhile
 * turns it into the same soft delete (the database refuses to orphan a reply as well).
 */
export async function deleteOwnComment(viewer: Viewer | null, commentId: string): Promise<OwnCommentResult> {
  if (!viewer) return { ok: false, message: "You must be logged in to delete a comment." };
  const comment = await db.comment.findUnique({ where: { id: commentId }, select: { authorId: true, status: true, deletedAt: true, post: { select: { slug: true } } } });
  if (!comment || comment.authorId !== viewer.id || comment.deletedAt) return { ok: false, message: NOT_YOURS };
  const removed = await db.comment
    .deleteMany({ where: { id: commentId, authorId: viewer.id, replies: { none: {} } } })
    .catch((error: unknown) => {
      if (isForeignKeyViolation(error)) return { count: 0 };
      throw error;
    });
  if (removed.count === 0) {
    await db.comment.updateMany({ where: { id: commentId, authorId: viewer.id, deletedAt: null }, data: { body: "", deletedAt: new Date(), notifyReplies: false } });
  }
  return { ok: true, postSlug: comment.post.slug, wasPublished: comment.status === "APPROVED" };
}
