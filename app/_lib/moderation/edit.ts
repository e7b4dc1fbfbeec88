import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, refusalFor } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { commentRendering } from "@/app/_lib/content/markdown";

export type ModeratorEditResult = { ok: true; bodyHtml: string; revision: number; postSlug: string } | { ok: false; message: string };

/** A moderator rewrites a comment (e.g. to remove personal data); the old text goes to its history. */
export async function editAsModerator(viewer: Viewer | null, input: { commentId: string; body: string; reason?: string }): Promise<ModeratorEditResult> {
  if (!hasRole(viewer, "MODERATOR")) return { ok: false, message: refusalFor(viewer, "You do not have access.") };
  const rendering = commentRendering(input.body);
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.findUnique({ where: { id: input.commentId }, select: { body: true, postId: true, authorId: true, post: { select: { slug: true } } } });
    if (!comment) return { ok: false as const, message: "This comment no longer exists." };
    if (comment.body !== input.body) {
      const updated = await tx.comment.updateMany({ where: { id: input.commentId, body: comment.body }, data: { body: input.body, ...rendering, revision: { increment: 1 } } });
      if (updated.count !== 1) return { ok: false as const, message: "Someone changed this comment meanwhile. Reload and try again." };
      await tx.commentRevision.create({ data: { commentId: input.commentId, body: comment.body, editedById: viewer.id } });
      await tx.moderationEvent.create({
        data: { action: "EDIT", moderatorId: viewer.id, commentId: input.commentId, postId: comment.postId, subjectUserId: comment.authorId, reason: input.reason || null },
      });
    }
    const { revision } = await tx.comment.findUniqueOrThrow({ where: { id: input.commentId }, select: { revision: true } });
    return { ok: true as const, bodyHtml: rendering.bodyHtml, revision, postSlug: comment.post.slug };
  });
}
