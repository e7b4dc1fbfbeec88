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
import { renderCommentMarkdown, RENDERER_VERSION } from "@/app/_lib/content/markdown";
import { recordSubmission } from "@/app/_lib/operations/record";
import { announcePending } from "@/app/_lib/moderation/live";
import { spamProbability } from "@/app/_lib/spam/model-store";
import { filterVerdict } from "@/app/_lib/spam/threshold";

type SubmitStatus = "PENDING" | "APPROVED" | "REJECTED" | "SPAM" | "TRASH";

/** What the author's page needs to draw the stored comment where they wrote it. */
export type StoredComment = { id: string; parentId: string | null; body: string; bodyHtml: string | null; bodyHtmlVersion: number | null; status: SubmitStatus; createdAt: Date };

export type SubmitResult =
  | { ok: true; comment: StoredComment; postSlug: string; replayed: boolean }
  | { ok: false; field: CommentField; message: string };

const storedCommentSelect = { id: true, parentId: true, body: true, bodyHtml: true, bodyHtmlVersion: true, status: true, createdAt: true } as const;

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

/** The comment a submission key already stored: a retry, a double click or a replayed request. */
async function replayOf(client: Pick<Transaction, "comment">, submissionKey: string, viewer: Viewer): Promise<SubmitResult | null> {
  const existing = await client.comment.findUnique({
    where: { submissionKey },
    select: { ...storedCommentSelect, authorId: true, post: { select: { slug: true } } },
  });
  if (!existing) return null;
  if (existing.authorId !== viewer.id) return refuse("form", "This form has already been used. Reload the page and try again.");
  const { id, parentId, body, bodyHtml, bodyHtmlVersion, status, createdAt } = existing;
  return { ok: true, comment: { id, parentId, body, bodyHtml, bodyHtmlVersion, status, createdAt }, postSlug: existing.post.slug, replayed: true };
}

/** What the checks against a reader's earlier comments compare with; a null time turns one off. */
type EarlierCheck = { viewer: Viewer; submissionKey: string; postId: string; body: string; floodSince: Date | null; duplicateSince: Date | null };

/**
 * One read answers three checks: this key's comment (a retry, answered with it), the reader's
 * comments within the flood interval, and the same words on this post within the duplicate
 * window (refused). Null when the submission is new and may be stored.
 */
async function checkEarlier(client: Pick<Transaction, "comment">, check: EarlierCheck): Promise<SubmitResult | null> {
  const { viewer, floodSince, duplicateSince } = check;
  const earlier = await client.comment.findMany({
    where: {
      // A setting of 0 turns a check off; comparing with `now` would instead refuse a
      // submission that started later but committed first.
      OR: [
        { submissionKey: check.submissionKey },
        ...(floodSince ? [{ authorId: viewer.id, createdAt: { gt: floodSince } }] : []),
        ...(duplicateSince ? [{ authorId: viewer.id, postId: check.postId, body: check.body, createdAt: { gte: duplicateSince } }] : []),
      ],
    },
    select: { submissionKey: true, authorId: true, postId: true, body: true, createdAt: true },
  });
  if (earlier.some((comment) => comment.submissionKey === check.submissionKey)) return replayOf(client, check.submissionKey, viewer);
  const mine = earlier.filter((comment) => comment.authorId === viewer.id);
  if (floodSince) {
    const latest = Math.max(...mine.filter((comment) => comment.createdAt > floodSince).map((comment) => comment.createdAt.getTime()));
    if (latest > floodSince.getTime()) {
      const seconds = Math.ceil((latest - floodSince.getTime()) / 1000);
      return refuse("form", `You are posting too quickly. You can post again in ${seconds} second${seconds === 1 ? "" : "s"}.`);
    }
  }
  if (duplicateSince && mine.some((comment) => comment.postId === check.postId && comment.body === check.body && comment.createdAt >= duplicateSince)) {
    return refuse("body", "It looks as though you've already said that.");
  }
  return null;
}

/**
 * Terms acceptances this process has seen committed ("user:version"). A row, once written, stays
 * (it goes only with its account), so a reader's next comment need not write it again.
 */
const knownAcceptances = new Set<string>();
const MAX_KNOWN_ACCEPTANCES = 10_000;

function rememberAcceptance(acceptance: string) {
  if (knownAcceptances.size >= MAX_KNOWN_ACCEPTANCES) knownAcceptances.clear();
  knownAcceptances.add(acceptance);
}

/**
 * What was found before the comment reached here (a bot's submission is stored straight in Spam),
 * and Akismet's check when it is configured: asked only once the comment passed every check that
 * could refuse it, for bots and people alike (a bot must not tell from the answer's time that it
 * was caught), with the post's own address.
 */
export type Screening = { spamReason: string | null; akismetSaysSpam?: (postSlug: string) => Promise<boolean> };

/** Submissions this process is storing while Akismet is asked, by reader and submission key. */
const askingAkismet = new Map<string, Promise<SubmitResult>>();

/**
 * Stores a reader's comment or reply after every check a public endpoint needs; the automatic
 * moderation rules decide whether it waits for a moderator (the default), is published or is spam.
 * Nothing is written unless all pass; the same submission key twice stores one comment.
 */
export function submitComment(viewer: Viewer | null, input: CommentInput, now = new Date(), screening: Screening = { spamReason: null }): Promise<SubmitResult> {
  if (!viewer || !screening.akismetSaysSpam) return submitOnce(viewer, input, now, screening);
  // A double click sends one key twice at once: both would pass the unlocked checks and ask
  // Akismet about the same words. The second waits for the first's answer here instead (other
  // instances still ask on their own; the database stores one comment whichever way).
  const key = `${viewer.id} ${input.submissionKey}`;
  const underWay = askingAkismet.get(key);
  if (underWay) return underWay.then((result) => (result.ok ? { ...result, replayed: true } : result));
  const submission = submitOnce(viewer, input, now, screening).finally(() => askingAkismet.delete(key));
  askingAkismet.set(key, submission);
  return submission;
}

async function submitOnce(viewer: Viewer | null, input: CommentInput, now: Date, screening: Screening): Promise<SubmitResult> {
  if (!viewer) return refuse("form", "You must be logged in to post a comment.");
  const blocked = commentingBlockedReason(viewer, now);
  if (blocked) return refuse("form", blocked);

  // A retry of a stored submission is answered with it, whatever changed since (the post closed,
  // new terms): the reader's comment was stored. Nearly every submission is new, and the
  // transaction's one read tells a retry apart anyway, so the key is looked up here only before
  // a refusal, or before asking Akismet about words it was already asked about.
  const refuseUnlessStored = async (field: CommentField, message: string) => (await replayOf(db, input.submissionKey, viewer)) ?? refuse(field, message);

  const [settings, termsVersion] = await Promise.all([getSettings(), currentTermsVersion(now)]);
  const post = await db.post.findUnique({ where: { id: input.postId }, select: { id: true, slug: true, commentsOpen: true, publishedAt: true } });
  if (!post) return refuseUnlessStored("form", "This post no longer exists.");
  if (!acceptsComments(post, settings.closeCommentsAfterDays, now)) return refuseUnlessStored("form", "Comments are closed.");
  if (!viewer.emailVerified && !settings.unverifiedMayComment) {
    return refuseUnlessStored("form", "Confirm your email address before commenting: open the link we emailed you, or ask for a new one on your account page.");
  }

  if (termsVersion === null) return refuseUnlessStored("form", "Comments are not open until Terms and Conditions are published.");
  if (input.termsVersion !== termsVersion) {
    return refuseUnlessStored("acceptTerms", `The Terms and Conditions have changed (now version ${termsVersion}). Read them, then tick the box again.`);
  }

  if (input.parentId) {
    const parent = await db.comment.findUnique({ where: { id: input.parentId }, select: { postId: true, status: true, deletedAt: true } });
    if (!parent || parent.postId !== post.id || parent.status !== "APPROVED" || parent.deletedAt) {
      return refuseUnlessStored("form", "You can only reply to a published comment on this post.");
    }
    if ((await depthOf(input.parentId, settings.maxReplyDepth)) >= settings.maxReplyDepth) {
      return refuseUnlessStored("form", "This conversation is as deep as replies can go. Reply to an earlier comment instead.");
    }
  }

  const earlierCheck: EarlierCheck = {
    viewer,
    submissionKey: input.submissionKey,
    postId: post.id,
    body: input.body,
    floodSince: settings.commentIntervalSeconds > 0 ? new Date(now.getTime() - settings.commentIntervalSeconds * 1000) : null,
    duplicateSince: settings.duplicateWindowMinutes > 0 ? new Date(now.getTime() - settings.duplicateWindowMinutes * 60_000) : null,
  };
  // Akismet hears only of a comment every check passed, and never of a retry: the checks against
  // the reader's earlier comments run before it too (the transaction runs them again, locked).
  if (screening.akismetSaysSpam) {
    const answered = await checkEarlier(db, earlierCheck);
    if (answered) return answered;
  }
  const akismetSpam = screening.akismetSaysSpam ? await screening.akismetSaysSpam(post.slug) : false;
  const spamReason = screening.spamReason ?? (akismetSpam ? "spam: Akismet took it for spam" : null);
  const hasApprovedComment = Boolean(await db.comment.findFirst({ where: { authorId: viewer.id, status: "APPROVED" }, select: { id: true } }));
  const bodyHtml = renderCommentMarkdown(input.body);
  const spamScore = await spamProbability(input.body);
  const outcome = spamReason
    ? { status: "SPAM" as const, reason: spamReason }
    : filterVerdict(applyRules(input.body, { hasApprovedComment, alwaysPremoderate: viewer.alwaysPremoderate, trusted: viewer.trusted, unverifiedEmail: !viewer.emailVerified }, settings, bodyHtml), spamScore, settings.spamThresholdPercent);
  const acceptance = `${viewer.id}:${termsVersion}`;
  try {
    const result = await db.$transaction(async (tx): Promise<SubmitResult> => {
      // One reader's submissions take turns: flood control, the duplicate check and the replay
      // check read what the reader's previous submission wrote, never around it.
      await lockFor(tx, `comment-author:${viewer.id}`);
      const answered = await checkEarlier(tx, earlierCheck);
      if (answered) return answered;

      if (!knownAcceptances.has(acceptance)) {
        // A no-op update on conflict keeps the first acceptance's time, in one statement.
        await tx.termsAcceptance.upsert({
          where: { userId_version: { userId: viewer.id, version: termsVersion } },
          update: { version: termsVersion },
          create: { userId: viewer.id, version: termsVersion, acceptedAt: now },
        });
      }
      const created = await tx.comment.create({
        data: {
          postId: post.id,
          authorId: viewer.id,
          parentId: input.parentId ?? null,
          body: input.body,
          bodyHtml,
          bodyHtmlVersion: RENDERER_VERSION,
          status: outcome.status,
          heldReason: outcome.reason,
          spamScore,
          decidedAt: outcome.status === "PENDING" ? null : now,
          termsVersion,
          termsAcceptedAt: now,
          submissionKey: input.submissionKey,
          notifyReplies: input.notifyReplies,
          createdAt: now,
        },
        select: storedCommentSelect,
      });
      if (created.status === "PENDING") await notifyPending(tx, created.id);
      if (created.status === "APPROVED") await notifyDecision(tx, created.id, "APPROVED", { informAuthor: false });
      return { ok: true, comment: created, postSlug: post.slug, replayed: false };
    });
    // Only an acceptance this request wrote (a replay wrote none).
    if (result.ok && !result.replayed) {
      rememberAcceptance(acceptance);
      recordSubmission(result.comment.status);
      if (result.comment.status === "PENDING") announcePending({ id: result.comment.id, postId: input.postId, createdAt: result.comment.createdAt });
    }
    return result;
  } catch (error) {
    // Two requests with one key at once: the database let one through; report that one.
    if (isUniqueViolation(error)) {
      const winner = await replayOf(db, input.submissionKey, viewer);
      if (winner) return winner;
    }
    // The comment replied to was deleted between the check and the insert.
    if (isForeignKeyViolation(error)) return refuse("form", "You can only reply to a published comment on this post.");
    throw error;
  }
}
