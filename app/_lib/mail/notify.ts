import type { Database, Transaction } from "@/app/_lib/db/client";
import { inGoodStanding } from "@/app/_lib/users/standing";
import { enqueueMail } from "./outbox";
import { siteUrl } from "@/app/_lib/site-url";
import { excerpt } from "@/app/_lib/content/truncate";
import { formatDuration } from "@/app/_lib/format";
import type { CommentGetPayload } from "@/generated/sqlite/models";

const MAIL_EXCERPT = 280;

/** What a decision's emails say, for a caller that reads the comment anyway to load it once. */
export const decisionMailSelect = {
  id: true,
  body: true,
  authorId: true,
  rejectionReason: true,
  author: { select: { id: true, name: true, email: true, notifyOnDecision: true, deletedAt: true } },
  post: { select: { slug: true, title: true } },
  parent: {
    select: { id: true, notifyReplies: true, deletedAt: true, author: { select: { id: true, name: true, email: true, deletedAt: true } } },
  },
} as const;

type DecidedComment = CommentGetPayload<{ select: typeof decisionMailSelect }>;

/** The emails of a decision on a comment that is not loaded yet (see mailDecision). */
export async function notifyDecision(tx: Transaction, commentId: string, status: "APPROVED" | "REJECTED", options: DecisionMailOptions = {}): Promise<void> {
  const comment = await tx.comment.findUnique({ where: { id: commentId }, select: decisionMailSelect });
  if (comment) await mailDecision(tx, comment, status, options);
}

type DecisionMailOptions = {
  // False when rules published the comment at once: its author saw that already.
  informAuthor?: boolean;
  /** A moderator's decision: its emails wait out the undo window and are withdrawn by an undo. */
  undoable?: { eventId: string; until: Date };
};

/**
 * The emails a decision causes, stored with the decision: the author hears that their comment
 * was approved (with a link) or rejected (with the reason), and when an approved comment is a
 * reply, the parent's author hears of it if they asked to.
 */
export async function mailDecision(
  tx: Transaction,
  comment: DecidedComment,
  status: "APPROVED" | "REJECTED",
  { informAuthor = true, undoable }: DecisionMailOptions = {},
): Promise<void> {
  const withheld = undoable ? { notBefore: undoable.until, causeEventId: undoable.eventId } : {};
  const link = `${siteUrl()}/posts/${comment.post.slug}#comment-${comment.id}`;
  const author = comment.author;
  if (informAuthor && author && author.notifyOnDecision && !author.deletedAt) {
    if (status === "APPROVED") {
      await enqueueMail(tx, {
        ...withheld,
        kind: "approved",
        userId: author.id,
        to: author.email,
        topic: "decisions",
        subject: `Your comment on "${comment.post.title}" is published`,
        text: `Hello ${author.name},\n\nA moderator approved your comment on "${comment.post.title}". It is published here:\n${link}\n\nYour comment:\n${excerpt(comment.body, MAIL_EXCERPT)}`,
      });
    } else {
      const reason = comment.rejectionReason ? `The moderator's reason: ${comment.rejectionReason}` : "The moderator gave no reason.";
      await enqueueMail(tx, {
        ...withheld,
        kind: "rejected",
        userId: author.id,
        to: author.email,
        topic: "decisions",
        subject: `Your comment on "${comment.post.title}" was not published`,
        text: `Hello ${author.name},\n\nA moderator did not publish your comment on "${comment.post.title}".\n${reason}\n\nYour comment:\n${excerpt(comment.body, MAIL_EXCERPT)}`,
      });
    }
  }
  const parent = comment.parent;
  const parentAuthor = parent?.author;
  if (status === "APPROVED" && parent?.notifyReplies && !parent.deletedAt && parentAuthor && !parentAuthor.deletedAt && parentAuthor.id !== comment.authorId) {
    await enqueueMail(tx, {
      ...withheld,
      kind: "reply",
      userId: parentAuthor.id,
      to: parentAuthor.email,
      topic: `replies:${parent.id}`,
      subject: `New reply to your comment on "${comment.post.title}"`,
      text: `Hello ${parentAuthor.name},\n\n${author?.name ?? "A reader"} replied to your comment on "${comment.post.title}":\n\n${excerpt(comment.body, MAIL_EXCERPT)}\n\nRead it here:\n${link}`,
    });
  }
}

/** One email per moderator who asked to hear of each comment waiting for review. */
export async function notifyPending(tx: Transaction, commentId: string): Promise<void> {
  const moderators = await tx.user.findMany({
    // A suspended or banned moderator has no moderation powers, and hears nothing of the queue.
    where: { moderatorAlerts: "EACH", role: { in: ["MODERATOR", "ADMIN"] }, deletedAt: null, ...inGoodStanding() },
    select: { id: true, name: true, email: true },
  });
  if (moderators.length === 0) return;
  const comment = await tx.comment.findUnique({
    where: { id: commentId },
    select: { body: true, heldReason: true, author: { select: { name: true } }, post: { select: { title: true } } },
  });
  if (!comment) return;
  const held = comment.heldReason ? `\nHeld because: ${comment.heldReason}` : "";
  for (const moderator of moderators) {
    await enqueueMail(tx, {
      kind: "pending",
      userId: moderator.id,
      to: moderator.email,
      topic: "alerts:EACH",
      subject: `New comment to review on "${comment.post.title}"`,
      text: `${comment.author?.name ?? "A reader"} commented on "${comment.post.title}":${held}\n\n${excerpt(comment.body, MAIL_EXCERPT)}\n\nReview it: ${siteUrl()}/moderation`,
    });
  }
}

const dayKey = (now: Date) => now.toISOString().slice(0, 10);
const DIGEST_ITEMS = 10;

/**
 * Queues today's digest for every moderator who chose one and has pending comments to review.
 * Safe to run as often as a scheduler likes: each moderator gets one digest per day (UTC).
 */
export async function queueDailyDigests(db: Database, now = new Date()): Promise<number> {
  const pending = await db.comment.count({ where: { status: "PENDING", deletedAt: null } });
  if (pending === 0) return 0;
  const oldestFirst = await db.comment.findMany({
    where: { status: "PENDING", deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: DIGEST_ITEMS,
    select: { body: true, createdAt: true, guestName: true, author: { select: { name: true } }, post: { select: { title: true } } },
  });
  const listed = oldestFirst
    .map((comment) => `- ${comment.author?.name ?? comment.guestName ?? "A reader"} on "${comment.post.title}" (${formatDuration(now.getTime() - comment.createdAt.getTime())} ago): ${excerpt(comment.body.replace(/\s+/g, " "), 120)}`)
    .join("\n");
  const more = pending > oldestFirst.length ? `\n…and ${pending - oldestFirst.length} more.` : "";
  const moderators = await db.user.findMany({
    // A suspended or banned moderator has no moderation powers, and hears nothing of the queue.
    where: { moderatorAlerts: "DAILY", role: { in: ["MODERATOR", "ADMIN"] }, deletedAt: null, ...inGoodStanding(now) },
    select: { id: true, name: true, email: true },
  });
  let queued = 0;
  for (const moderator of moderators) {
    const dedupeKey = `digest:${moderator.id}:${dayKey(now)}`;
    queued += await db.$transaction(async (tx) => {
      if (await tx.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } })) return 0;
      await enqueueMail(tx, {
        kind: "digest",
        userId: moderator.id,
        to: moderator.email,
        topic: "alerts:DAILY",
        dedupeKey,
        subject: `${pending} comment${pending === 1 ? "" : "s"} waiting for review`,
        text: `Hello ${moderator.name},\n\n${pending} comment${pending === 1 ? " is" : "s are"} waiting for review, oldest first:\n\n${listed}${more}\n\nOpen the queue: ${siteUrl()}/moderation`,
      });
      return 1;
    });
  }
  return queued;
}
