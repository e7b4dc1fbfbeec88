import "server-only";
import { publish } from "@/app/_lib/operations/bus";

/** Tells every moderator's open queue, on every instance, that a comment now waits for them. */
export function announcePending(comment: { id: string; postId: string; createdAt: Date }): void {
  publish({ kind: "moderation", event: { type: "pending", commentId: comment.id, postId: comment.postId, createdAt: comment.createdAt.toISOString() } });
}

/** Tells every open queue that these comments were decided, so other moderators stop reading them. */
export function announceDecided(commentIds: string[], status: string, moderatorId: string): void {
  if (commentIds.length) publish({ kind: "moderation", event: { type: "decided", commentIds, status, moderatorId } });
}
