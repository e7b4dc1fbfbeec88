import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
// The raw-query helpers are the runtime's, the same in both generated clients.
import { Prisma } from "@/generated/sqlite/client";
import { CONTEXTS_PER_REQUEST } from "@/app/_lib/schemas/limits";
import { excerpt } from "@/app/_lib/content/truncate";
import { ageOf, exactTime, formatLongDate, relativeTime } from "@/app/_lib/format";
import { PENDING_IN_PLACE, THREAD_PAGE_SIZE } from "@/app/_lib/comments/queries";
import type { CommentStatus } from "./decide";
import { zeroCounts } from "./tallies";

const RECENT = 5;
// Replies nest at most ten deep (the settings' limit), so the walk to a thread's root is short.
const MAX_ANCESTORS = 12;

const flat = (text: string, length: number) => excerpt(text.replace(/\s+/g, " ").trim(), length);

export type AuthorRecord = {
  id: string;
  name: string;
  role: string;
  joined: string;
  joinedAt: string;
  accountAge: string;
  standing: { status: "ACTIVE" | "SUSPENDED" | "BANNED"; suspendedUntil: string | null; alwaysPremoderate: boolean; trusted: boolean; reason: string | null };
  counts: Record<CommentStatus, number>;
  recent: { id: string; status: CommentStatus; excerpt: string; postTitle: string; when: string; decidedBy: string | null; rejectionReason: string | null }[];
  reports: { total: number; open: number; latest: { reason: string; text: string | null; when: string; excerpt: string }[] };
};

/** What a moderator needs beside a comment to decide on it. Plain values: it goes to the browser. */
export type CommentContext = {
  commentId: string;
  post: { title: string; slug: string };
  /**
   * The comment's place in the thread (the right page of comments, at its anchor); null for a new
   * comment behind more pending ones than the thread shows a moderator.
   */
  threadHref: string | null;
  parent: { authorName: string; status: CommentStatus; deleted: boolean; excerpt: string; when: string; at: string } | null;
  author: AuthorRecord | null;
  guestName: string | null;
};

/** The page of the thread a comment is on: the page of its top-level ancestor among published ones. */
async function threadHref(comment: { id: string; parentId: string | null; createdAt: Date; postId: string; status: CommentStatus }, slug: string): Promise<string | null> {
  if (!comment.parentId && comment.status === "PENDING") {
    const olderPending = await db.comment.count({
      where: { postId: comment.postId, parentId: null, status: "PENDING", OR: [{ createdAt: { lt: comment.createdAt } }, { createdAt: comment.createdAt, id: { lt: comment.id } }] },
    });
    if (olderPending >= PENDING_IN_PLACE) return null;
  }
  let root = comment;
  for (let step = 0; root.parentId && step < MAX_ANCESTORS; step++) {
    const parent = await db.comment.findUnique({ where: { id: root.parentId }, select: { id: true, parentId: true, createdAt: true, postId: true, status: true } });
    if (!parent) break;
    root = parent;
  }
  // Unpublished top-level comments are shown (to their author and to moderators) on every page's end.
  const before =
    root.status === "APPROVED"
      ? await db.comment.count({
          where: { postId: root.postId, status: "APPROVED", parentId: null, OR: [{ createdAt: { lt: root.createdAt } }, { createdAt: root.createdAt, id: { lt: root.id } }] },
        })
      : 0;
  const page = Math.floor(before / THREAD_PAGE_SIZE) + 1;
  return `/posts/${slug}${page > 1 ? `?comments=${page}` : ""}#comment-${comment.id}`;
}

const authorSelect = { id: true, name: true, role: true, createdAt: true, status: true, suspendedUntil: true, statusReason: true, alwaysPremoderate: true, trusted: true } as const;
type AuthorRow = Prisma.UserGetPayload<{ select: typeof authorSelect }>;
type Tally = { counts: Record<CommentStatus, number>; reportsTotal: number; reportsOpen: number };

/**
 * Each author's comments by status and the reports against them, open or settled: one statement
 * for every author of a batch (the queue asks for a batch of contexts every few decisions).
 */
async function authorTallies(authorIds: string[]): Promise<Map<string, Tally>> {
  const tallies = new Map<string, Tally>(authorIds.map((id) => [id, { counts: zeroCounts(), reportsTotal: 0, reportsOpen: 0 }]));
  if (authorIds.length === 0) return tallies;
  const authors = Prisma.join(authorIds);
  const rows = await db.$queryRaw<{ authorId: string; key: string; count: number | bigint }[]>`
    SELECT "authorId", CAST("status" AS TEXT) AS "key", COUNT(*) AS "count"
      FROM "Comment" WHERE "authorId" IN (${authors}) GROUP BY "authorId", "status"
    UNION ALL
    SELECT "Comment"."authorId", CASE WHEN "Report"."resolvedAt" IS NULL THEN 'open' ELSE 'settled' END, COUNT(*)
      FROM "Report" JOIN "Comment" ON "Comment"."id" = "Report"."commentId"
      WHERE "Comment"."authorId" IN (${authors})
      GROUP BY "Comment"."authorId", CASE WHEN "Report"."resolvedAt" IS NULL THEN 'open' ELSE 'settled' END`;
  for (const row of rows) {
    const tally = tallies.get(row.authorId);
    if (!tally) continue;
    const count = Number(row.count);
    if (row.key === "open" || row.key === "settled") {
      tally.reportsTotal += count;
      if (row.key === "open") tally.reportsOpen = count;
    } else if (row.key in tally.counts) tally.counts[row.key as CommentStatus] = count;
  }
  return tallies;
}

const recentOf = (authorId: string) =>
  db.comment.findMany({
    where: { authorId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECENT,
    select: { id: true, status: true, body: true, createdAt: true, rejectionReason: true, decidedBy: { select: { name: true } }, post: { select: { title: true } } },
  });

const latestReportsAgainst = (authorId: string) =>
  db.report.findMany({
    where: { comment: { authorId } },
    orderBy: { createdAt: "desc" },
    take: 3,
    select: { reason: true, text: true, createdAt: true, comment: { select: { body: true } } },
  });

/** The author's record, from what the batch read about them. */
async function authorRecord(user: AuthorRow, tally: Tally, recent: Awaited<ReturnType<typeof recentOf>>, now: Date): Promise<AuthorRecord> {
  // Most authors were never reported: their record asks for no reports.
  const latestReports = tally.reportsTotal > 0 ? await latestReportsAgainst(user.id) : [];
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    joined: formatLongDate(user.createdAt),
    joinedAt: user.createdAt.toISOString(),
    accountAge: ageOf(user.createdAt, now),
    standing: {
      status: user.status,
      suspendedUntil: user.status === "SUSPENDED" && user.suspendedUntil && user.suspendedUntil > now ? formatLongDate(user.suspendedUntil) : null,
      alwaysPremoderate: user.alwaysPremoderate,
      trusted: user.trusted,
      reason: user.statusReason,
    },
    counts: tally.counts,
    recent: recent.map((comment) => ({
      id: comment.id,
      status: comment.status,
      excerpt: flat(comment.body, 120),
      postTitle: comment.post.title,
      when: relativeTime(comment.createdAt, now),
      decidedBy: comment.decidedBy?.name ?? null,
      rejectionReason: comment.rejectionReason,
    })),
    reports: {
      total: tally.reportsTotal,
      open: tally.reportsOpen,
      latest: latestReports.map((report) => ({ reason: report.reason, text: report.text, when: relativeTime(report.createdAt, now), excerpt: flat(report.comment.body, 80) })),
    },
  };
}

/**
 * The contexts of the given comments (at most CONTEXTS_PER_REQUEST), keyed by comment id; a
 * comment that no longer exists has none. Read together: one query for the comments and their
 * authors, one for every author's tallies, one per author for their latest comments.
 */
export async function commentContexts(viewer: Viewer | null, commentIds: string[], now = new Date()): Promise<Map<string, CommentContext>> {
  const contexts = new Map<string, CommentContext>();
  if (!hasRole(viewer, "MODERATOR") || commentIds.length === 0) return contexts;
  const comments = await db.comment.findMany({
    where: { id: { in: commentIds.slice(0, CONTEXTS_PER_REQUEST) } },
    select: {
      id: true,
      parentId: true,
      postId: true,
      status: true,
      createdAt: true,
      authorId: true,
      guestName: true,
      author: { select: authorSelect },
      post: { select: { title: true, slug: true } },
      parent: { select: { status: true, body: true, deletedAt: true, createdAt: true, guestName: true, author: { select: { name: true } } } },
    },
  });
  const authors = new Map(comments.flatMap((comment) => (comment.author ? [[comment.author.id, comment.author] as const] : [])));
  const [tallies, recent, hrefs] = await Promise.all([
    authorTallies([...authors.keys()]),
    Promise.all([...authors.keys()].map(async (id) => [id, await recentOf(id)] as const)).then((entries) => new Map(entries)),
    Promise.all(comments.map((comment) => threadHref(comment, comment.post.slug))),
  ]);
  const records = new Map(
    await Promise.all([...authors.values()].map(async (author) => [author.id, await authorRecord(author, tallies.get(author.id)!, recent.get(author.id)!, now)] as const)),
  );
  comments.forEach((comment, index) => {
    const parent = comment.parent;
    contexts.set(comment.id, {
      commentId: comment.id,
      post: comment.post,
      threadHref: hrefs[index]!,
      parent: parent
        ? {
            authorName: parent.author?.name ?? parent.guestName ?? "Deleted user",
            status: parent.status,
            deleted: parent.deletedAt !== null,
            excerpt: parent.deletedAt ? "" : flat(parent.body, 400),
            when: exactTime(parent.createdAt),
            at: parent.createdAt.toISOString(),
          }
        : null,
      author: comment.author ? records.get(comment.author.id)! : null,
      guestName: comment.authorId ? null : (comment.guestName ?? "Deleted user"),
    });
  });
  return contexts;
}
