import "server-only";
import type { Database } from "@/app/_lib/db/client";
import { db } from "@/app/_lib/db";
import { lockFor } from "@/app/_lib/db/lock";
import { forgetExamples, learnExamples, type SpamLabel } from "./classifier";
import { SPAM_MODEL_ID, spamModelChanged } from "./model-store";
import { starterModel } from "./starter";
import { akismetConfigured, reportToAkismet } from "./akismet";
import { siteUrl } from "@/app/_lib/site-url";
import { logger } from "@/app/_lib/operations/logger";
import { isDraining, onDrain } from "@/app/_lib/operations/shutdown";

/** What a comment teaches the filter in its current status: published is ham, Spam is spam, the rest nothing. */
export function lessonOf(status: string): SpamLabel | null {
  if (status === "APPROVED") return "ham";
  if (status === "SPAM") return "spam";
  return null;
}

/**
 * Brings the model in line with these comments' statuses: a comment now approved or in Spam is
 * learnt, one that moved (an undo, "not spam", a restore) is first unlearnt. Each comment records
 * what the model holds of it, so running this twice, or for a decision already learnt, changes
 * nothing. Every update reads and writes the one model row under one lock, so two moderators
 * deciding at once never overwrite each other's lesson. Returns the comments that changed it.
 */
export type Lesson = { commentId: string; was: SpamLabel | null; now: SpamLabel | null };

export async function learnFromDecisions(commentIds: string[], database: Database = db): Promise<Lesson[]> {
  const ids = [...new Set(commentIds)];
  if (ids.length === 0) return [];
  const changed = await database.$transaction(async (tx) => {
    await lockFor(tx, "spam-model");
    const comments = await tx.comment.findMany({ where: { id: { in: ids } }, select: { id: true, body: true, status: true, spamTrainedAs: true } });
    const changes = comments
      .map((comment) => ({ comment, was: comment.spamTrainedAs as SpamLabel | null, now: lessonOf(comment.status) }))
      .filter((change) => change.was !== change.now);
    if (changes.length === 0) return [];
    const row = await tx.spamModel.findUnique({ where: { id: SPAM_MODEL_ID }, select: { model: true } });
    let model = row?.model ?? starterModel();
    model = forgetExamples(model, changes.flatMap(({ comment, was }) => (was ? [{ text: comment.body, label: was }] : [])));
    model = learnExamples(model, changes.flatMap(({ comment, now }) => (now ? [{ text: comment.body, label: now }] : [])));
    await tx.spamModel.upsert({ where: { id: SPAM_MODEL_ID }, create: { id: SPAM_MODEL_ID, model }, update: { model, version: { increment: 1 } } });
    for (const { comment, now } of changes) await tx.comment.update({ where: { id: comment.id }, data: { spamTrainedAs: now } });
    return changes.map(({ comment, was, now }) => ({ commentId: comment.id, was, now }));
  });
  if (changed.length > 0) spamModelChanged();
  return changed;
}

/**
 * With AKISMET_KEY, Akismet hears what moderators decided: a comment put in Spam is reported as
 * spam, one taken out of Spam as not spam. The reader's address and browser are not kept, so they
 * are not sent. Returns how many reports Akismet took.
 */
export async function reportLessons(lessons: Lesson[]): Promise<number> {
  const reports = lessons.flatMap((lesson): (Lesson & { kind: "spam" | "ham" })[] => (lesson.now === "spam" ? [{ ...lesson, kind: "spam" }] : lesson.was === "spam" ? [{ ...lesson, kind: "ham" }] : []));
  if (reports.length === 0 || !akismetConfigured()) return 0;
  const comments = await db.comment.findMany({
    where: { id: { in: reports.map((report) => report.commentId) } },
    select: { id: true, body: true, guestName: true, author: { select: { name: true, email: true } }, post: { select: { slug: true } } },
  });
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  let sent = 0;
  for (const report of reports) {
    const comment = byId.get(report.commentId);
    if (!comment) continue;
    const told = await reportToAkismet(report.kind, {
      content: comment.body,
      authorName: comment.author?.name ?? comment.guestName ?? "",
      authorEmail: comment.author?.email ?? null,
      address: "",
      userAgent: "",
      permalink: `${siteUrl()}/posts/${comment.post.slug}`,
    });
    if (told) sent += 1;
  }
  return sent;
}

/** The comments these moderation events were about (an undo names the events it took back). */
async function commentsOfEvents(eventIds: string[]): Promise<string[]> {
  const events = await db.moderationEvent.findMany({ where: { id: { in: eventIds } }, select: { commentId: true } });
  return events.map((event) => event.commentId).filter((id): id is string => Boolean(id));
}

/** Decisions in this window are learnt together: one rewrite of the model row for a run of them. */
const LEARN_AFTER_MS = 1_000;

type PendingLessons = { commentIds: Set<string>; eventIds: Set<string>; timer: ReturnType<typeof setTimeout> | null; drainHooked: boolean };
const KEY = Symbol.for("vetted.spamLessons");
const store = globalThis as unknown as Record<typeof KEY, PendingLessons | undefined>;
const pending = (): PendingLessons => (store[KEY] ??= { commentIds: new Set(), eventIds: new Set(), timer: null, drainHooked: false });

async function learnPending(): Promise<void> {
  const batch = pending();
  if (batch.timer) clearTimeout(batch.timer);
  batch.timer = null;
  const commentIds = [...batch.commentIds];
  const eventIds = [...batch.eventIds];
  batch.commentIds.clear();
  batch.eventIds.clear();
  if (commentIds.length === 0 && eventIds.length === 0) return;
  try {
    const ids = [...commentIds, ...(eventIds.length ? await commentsOfEvents(eventIds) : [])];
    await reportLessons(await learnFromDecisions(ids));
  } catch (error) {
    logger().error({ err: error }, "The spam filter could not learn from decisions; they are learnt when a decision next touches those comments");
  }
}

/**
 * Teaches the filter a decision (and tells Akismet, when configured) a moment after it was made,
 * off the decision's path and together with the decisions made in the meantime: under a busy
 * queue the shared model row is rewritten about once a second, not once per decision. The
 * decision is committed already; a lesson lost with its process is learnt the next time a
 * decision touches that comment. A draining server learns what it holds at once.
 */
export function learnSoon(subject: { commentIds?: string[]; eventIds?: string[] }): void {
  const batch = pending();
  for (const id of subject.commentIds ?? []) batch.commentIds.add(id);
  for (const id of subject.eventIds ?? []) batch.eventIds.add(id);
  if (isDraining()) {
    void learnPending();
    return;
  }
  if (!batch.drainHooked) {
    batch.drainHooked = true;
    onDrain(() => void learnPending());
  }
  if (!batch.timer) {
    batch.timer = setTimeout(() => void learnPending(), LEARN_AFTER_MS);
    // A process with nothing else to do need not wait for it (a command-line tool, a test).
    batch.timer.unref();
  }
}
