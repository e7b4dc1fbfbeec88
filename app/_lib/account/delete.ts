import "server-only";
import { verifyPassword } from "@/app/_lib/auth/password";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { isForeignKeyViolation } from "@/app/_lib/db/errors";
import type { DeleteAccountInput } from "@/app/_lib/schemas/account";

export const DELETED_USER_NAME = "Deleted user";

export type DeleteAccountResult = { ok: true; postSlugs: string[] } | { ok: false; field: "password" | "form"; message: string };

/**
 * Removes a person's personal data and keeps every thread's shape. The user row stays (with no
 * name, address, password or sessions) so replies to their comments still hang together;
 * "keep" leaves their published words under "Deleted user", "remove" blanks the ones others
 * replied to and deletes the rest.
 */
export async function deleteAccount(viewer: Viewer | null, input: DeleteAccountInput, now = new Date()): Promise<DeleteAccountResult> {
  if (!viewer) return { ok: false, field: "form", message: "Sign in to delete your account." };
  const user = await db.user.findUnique({ where: { id: viewer.id }, select: { passwordHash: true } });
  // Accounts from an OAuth provider have no password; they confirm with their email address.
  const confirmed = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : input.password.trim().toLowerCase() === viewer.email;
  if (!confirmed) return { ok: false, field: "password", message: user?.passwordHash ? "That password is not right." : "Type your email address to confirm." };

  const touched = await db.comment.findMany({ where: { authorId: viewer.id }, select: { post: { select: { slug: true } } }, distinct: ["postId"] });
  const erase = () => db.$transaction(async (tx) => {
    if (input.comments === "remove") {
      // Every word goes first; then the comments nobody replied to go entirely, and those others
      // answered keep their place, empty. A reply stored in between cannot leave text behind; one
      // stored during the delete makes the database refuse it (see the retry below).
      await tx.commentRevision.deleteMany({ where: { comment: { authorId: viewer.id } } });
      await tx.comment.updateMany({ where: { authorId: viewer.id }, data: { body: "", deletedAt: now, notifyReplies: false } });
      await tx.comment.deleteMany({ where: { authorId: viewer.id, replies: { none: {} } } });
    } else {
      // Kept means published: words nobody else can see (pending, rejected, spam) go in any case.
      await tx.comment.deleteMany({ where: { authorId: viewer.id, status: { not: "APPROVED" }, replies: { none: {} } } });
      await tx.comment.updateMany({ where: { authorId: viewer.id }, data: { notifyReplies: false } });
    }
    await tx.account.deleteMany({ where: { userId: viewer.id } });
    await tx.session.deleteMany({ where: { userId: viewer.id } });
    await tx.termsAcceptance.deleteMany({ where: { userId: viewer.id } });
    await tx.outboxMessage.deleteMany({ where: { userId: viewer.id } });
    await tx.accountToken.deleteMany({ where: { userId: viewer.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: viewer.id } });
    await tx.twoFactor.deleteMany({ where: { userId: viewer.id } });
    await tx.user.update({
      where: { id: viewer.id },
      data: {
        name: DELETED_USER_NAME,
        email: `deleted-${viewer.id}@deleted.invalid`,
        passwordHash: null,
        image: null,
        emailVerified: null,
        statusReason: null,
        role: "READER",
        notifyOnDecision: false,
        moderatorAlerts: "NONE",
        deletedAt: now,
        sessionVersion: { increment: 1 },
      },
    });
    await tx.moderationEvent.create({
      data: { action: "ACCOUNT_DELETE", subjectUserId: viewer.id, detail: JSON.stringify({ comments: input.comments }), createdAt: now },
    });
  });
  // A reply that arrived while its parent was being deleted: PostgreSQL refuses to orphan it and
  // the whole deletion rolls back; running it again empties that parent instead.
  for (let attempt = 1; ; attempt++) {
    try {
      await erase();
      break;
    } catch (error) {
      if (!isForeignKeyViolation(error) || attempt === 3) throw error;
    }
  }
  return { ok: true, postSlugs: touched.map((row) => row.post.slug) };
}
