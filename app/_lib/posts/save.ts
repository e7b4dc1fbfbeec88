import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, refusalFor } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { isRecordNotFound, isUniqueViolation } from "@/app/_lib/db/errors";
import type { PostInput } from "@/app/_lib/schemas/post";
import { postRendering } from "@/app/_lib/content/markdown";

export type SavePostResult = { ok: true; slug: string; id: string } | { ok: false; field?: "slug"; message: string };

/** Admins add and edit posts; each change is logged. */
export async function savePost(viewer: Viewer | null, input: PostInput, postId?: string): Promise<SavePostResult> {
  if (!hasRole(viewer, "ADMIN")) return { ok: false, message: refusalFor(viewer, "Only administrators can add or edit posts.") };
  try {
    return await db.$transaction(async (tx) => {
      const data = { ...input, ...postRendering(input.body) };
      const post = postId ? await tx.post.update({ where: { id: postId }, data }) : await tx.post.create({ data });
      await tx.moderationEvent.create({ data: { action: postId ? "POST_EDIT" : "POST_CREATE", moderatorId: viewer.id, postId: post.id, detail: JSON.stringify({ slug: post.slug }) } });
      return { ok: true as const, slug: post.slug, id: post.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "slug", message: "Another post already uses this address." };
    if (isRecordNotFound(error)) return { ok: false, message: "This post no longer exists." };
    throw error;
  }
}

/** Opens or closes a post's comments. */
export async function setCommentsOpen(viewer: Viewer | null, postId: string, open: boolean): Promise<SavePostResult> {
  if (!hasRole(viewer, "ADMIN")) return { ok: false, message: refusalFor(viewer, "Only administrators can open or close comments.") };
  const updated = await db.$transaction(async (tx) => {
    const result = await tx.post.updateMany({ where: { id: postId }, data: { commentsOpen: open } });
    if (result.count === 1) {
      await tx.moderationEvent.create({ data: { action: "POST_EDIT", moderatorId: viewer.id, postId, detail: JSON.stringify({ commentsOpen: open }) } });
    }
    return result.count === 1 ? tx.post.findUnique({ where: { id: postId }, select: { slug: true, id: true } }) : null;
  });
  return updated ? { ok: true, ...updated } : { ok: false, message: "This post no longer exists." };
}
