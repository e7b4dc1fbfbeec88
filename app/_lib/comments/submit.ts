import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { notifyDecision, notifyPending } from "@/app/_lib/mail/notify";
import { isForeignKeyViolation, isUniqueViolation } from "@/app/_lib/db/errors";
import type { Transaction } from "@/app/_lib/db/client";
import { lockFor } from "@/app/_lib/db/lock";
import type { CommentField, CommentInput } from "@/app/_lib/schemas/comment";
import { getSettings } from "@/app/_lib/settings";
import { commentingBlockedReason } from "@/app/_lib/users/standing";
import { currentTermsVersion } from "@/app/_lib/terms/current";
import { applyRules } from "@/app/_lib/moderation/rules";
import { acceptsComments } from "@/app/_lib/posts/open";

type SubmitStatus = "PENDING" | "APPROVED" | "REJECTED" | "SPAM" | "TRASH";

export type SubmitResult =
  | { ok: true; commentId: string; status: SubmitStatus; postSlug: string; replayed: boolean }
  | { ok: false; field: CommentField; message: string };

const refuse = (field: CommentField, message: string): SubmitResult => ({ ok: false, field, message });

/** How deep a comment sits: 1 for a top-level comment, 2 for a reply to it, … */
async function depthOf(commentId: string, limit: number): Promise<number> {
  let depth = 1;
  let parentId = (await db.comment.findUnique({ where: { id: commentId }, select: { parentId: true } }))?.parentId;
  while (parentId && depth <= limit) {
    depth += 1;
    parentId = (await db.comment.findUnique({ where: { id: parentId }, select: { parentId: true } }))?.parentId;
  }
  return depth;
}

async function replayOf(submissionKey: string, viewer: Viewer): Promise<SubmitResult | null> {
  return replayIn(db, submissionKey, viewer);
}

async function replayIn(client: Pick<Transaction, "comment">, submissionKey: string, viewer: Viewer): Promise<SubmitResult | null> {
  const existing = await client.comment.findUnique({
    where: { submissionKey },
    select: { id: true, authorId: true, status: true, post: { select: { slug: true } } },
  });
  if (!existing) return null;
  if (existing.authorId !== viewer.id) return refuse("form", "This form has already been used. Reload the page and try again.");
  return { ok: true, commentId: existing.id, status: existing.status, postSlug: existing.post.slug, replayed: true };
}

/**
 * Stores a reader's comment or reply after every check a public endpoint needs; the automatic
 * moderation rules decide whether it waits for a moderator (the default), is published or is spam.
 * Nothing is written unless all pass; the same submission key twice stores one comment.
 */
export async function submitComment(viewer: Viewer | null, input: CommentInput, now = new Date()): Promise<SubmitResult> {
  if (!viewer) return refuse("form", "You must be logged in to post a comment.");
  const blocked = commentingBlockedReason(viewer, now);
  if (blocked) return refuse("form", blocked);

  const replay = await replayOf(input.submissionKey, viewer);
  if (replay) return replay;

  const settings = await getSettings();
  const post = await db.post.findUnique({ where: { id: input.postId }, select: { id: true, slug: true, commentsOpen: true, publishedAt: true } });
  if (!post) return refuse("form", "This post no longer exists.");
  if (!acceptsComments(post, settings.closeCommentsAfterDays, now)) return refuse("form", "Comments are closed.");

  const termsVersion = await currentTermsVersion();
  if (termsVersion === null) return refuse("form", "Comments are not open until Terms and Conditions are published.");
  if (input.termsVersion !== termsVersion) {
    return refuse("acceptTerms", `The Terms and Conditions have changed (now version ${termsVersion}). Read them, then tick the box again.`);
  }

  if (input.parentId) {
    const parent = await db.comment.findUnique({ where: { id: input.parentId }, select: { postId: true, status: true, deletedAt: true } });
    if (!parent || parent.postId !== post.id || parent.status !== "APPROVED" || parent.deletedAt) {
      return refuse("form", "You can only reply to a published comment on this post.");
    }
    if ((await depthOf(input.parentId, settings.maxReplyDepth)) >= settings.maxReplyDepth) {
      return refuse("form", "This conversation is as deep as replies can go. Reply to an earlier comment instead.");
    }
  }

  const approvedCount = await db.comment.count({ where: { authorId: viewer.id, status: "APPROVED" } });
  const outcome = applyRules(input.body, { approvedCount, alwaysPremoderate: viewer.alwaysPremoderate, trusted: viewer.trusted }, settings);

  try {
    const stored = await db.$transaction(async (tx): Promise<SubmitResult | { ok: true; comment: { id: string; status: SubmitStatus } }> => {
      // One reader's submissions take turns: flood control, the duplicate check and the replay
      // check read what the reader's previous submission wrote, never around it.
      await lockFor(tx, `comment-author:${viewer.id}`);
      const replay = await replayIn(tx, input.submissionKey, viewer);
      if (replay) return replay;

      const latest = await tx.comment.findFirst({ where: { authorId: viewer.id }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
      const waitMs = latest ? latest.createdAt.getTime() + settings.commentIntervalSeconds * 1000 - now.getTime() : 0;
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        return refuse("form", `You are posting too quickly. You can post again in ${seconds} second${seconds === 1 ? "" : "s"}.`);
      }
      const duplicate = await tx.comment.findFirst({
        where: { authorId: viewer.id, postId: post.id, body: input.body, createdAt: { gte: new Date(now.getTime() - settings.duplicateWindowMinutes * 60_000) } },
        select: { id: true },
      });
      if (duplicate) return refuse("body", "It looks as though you've already said that.");

      await tx.termsAcceptance.upsert({
        where: { userId_version: { userId: viewer.id, version: termsVersion } },
        update: {},
        create: { userId: viewer.id, version: termsVersion, acceptedAt: now },
      });
      const created = await tx.comment.create({
        data: {
          postId: post.id,
          authorId: viewer.id,
          parentId: input.parentId ?? null,
          body: input.body,
          status: outcome.status,
          heldReason: outcome.reason,
          decidedAt: outcome.status === "PENDING" ? null : now,
          termsVersion,
          termsAcceptedAt: now,
          submissionKey: input.submissionKey,
          notifyReplies: input.notifyReplies,
          createdAt: now,
        },
        select: { id: true, status: true },
      });
      if (created.status === "PENDING") await notifyPending(tx, created.id);
      if (created.status === "APPROVED") await notifyDecision(tx, created.id, "APPROVED", { informAuthor: false });
      return { ok: true as const, comment: created };
    });
    if (!("comment" in stored)) return stored;
    const comment = stored.comment;
    return { ok: true, commentId: comment.id, status: comment.status, postSlug: post.slug, replayed: false };
  } catch (error) {
    // Two requests with one key at once: the database let one through; report that one.
    if (isUniqueViolation(error)) {
      const winner = await replayOf(input.submissionKey, viewer);
      if (winner) return winner;
    }
    // The comment replied to was deleted between the check and the insert.
    if (isForeignKeyViolation(error)) return refuse("form", "You can only reply to a published comment on this post.");
    throw error;
  }
}
