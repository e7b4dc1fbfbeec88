import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { containsIgnoringCase } from "@/app/_lib/db/contains";
import { commentHtml, renderedSelect } from "@/app/_lib/content/markdown";
import type { CommentStatus } from "./decide";
import { decodeCursor, decodeScoreCursor, encodeCursor, encodeScoreCursor } from "./queue-cursor";
import { excerpt } from "@/app/_lib/content/truncate";
import { commentTallies } from "./tallies";

export { decodeCursor, encodeCursor };

export const TABS = ["pending", "reported", "approved", "rejected", "spam", "trash"] as const;
export type Tab = (typeof TABS)[number];
export const tabStatus: Record<Exclude<Tab, "reported">, CommentStatus> = {
  pending: "PENDING",
  approved: "APPROVED",
  rejected: "REJECTED",
  spam: "SPAM",
  trash: "TRASH",
};

/** `sort: "spam"` puts the pending comments the spam filter rates highest first. */
export type QueueFilters = { post?: string; author?: string; q?: string; sort?: "spam" };
export type QueueItem = {
  id: string;
  status: CommentStatus;
  bodyHtml: string;
  body: string;
  // The revision of this text; a decision sends it back so it applies to what was read.
  revision: number;
  authorName: string;
  authorEmail: string | null;
  authorId: string | null;
  accountCreatedAt: Date | null;
  approvedBefore: number;
  postTitle: string;
  postSlug: string;
  // The comment this one answers: its context shows that comment's status.
  parentId: string | null;
  parentExcerpt: string | null;
  createdAt: Date;
  termsVersion: number | null;
  heldReason: string | null;
  // The spam filter's probability when the comment arrived (0 to 1), if it was scored.
  spamScore: number | null;
  rejectionReason: string | null;
  decidedBy: string | null;
  edited: boolean;
  reports: { reason: string; text: string | null; reporter: string; createdAt: Date }[];
};
export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

export const PAGE_SIZE = 20;

const flatExcerpt = (text: string, length = 140) => excerpt(text.replace(/\s+/g, " ").trim(), length);

function filterWhere(filters: QueueFilters) {
  return {
    ...(filters.post ? { post: { slug: filters.post } } : {}),
    ...(filters.author ? { author: { OR: [{ name: containsIgnoringCase(filters.author) }, { email: containsIgnoringCase(filters.author) }] } } : {}),
    ...(filters.q ? { body: containsIgnoringCase(filters.q) } : {}),
  };
}

/**
 * Rows after the cursor, written as one range on createdAt (which the (status, createdAt, id)
 * index serves) minus the ties already shown, rather than an OR the planner cannot range-scan.
 */
export function keysetAfter(after: { createdAt: Date; id: string }, ascending: boolean) {
  return {
    createdAt: ascending ? { gte: after.createdAt } : { lte: after.createdAt },
    NOT: { createdAt: after.createdAt, id: ascending ? { lte: after.id } : { gte: after.id } },
  };
}

/**
 * Rows after the cursor in the "most likely spam first" order: lower scores, then unscored
 * comments, and ties on the score oldest first.
 */
function scoreKeysetAfter(after: { spamScore: number | null; createdAt: Date; id: string }) {
  const laterAtSameScore = [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }];
  if (after.spamScore === null) return { spamScore: null, OR: laterAtSameScore };
  return { OR: [{ spamScore: { lt: after.spamScore } }, { spamScore: null }, ...laterAtSameScore.map((tie) => ({ spamScore: after.spamScore, ...tie }))] };
}

/** Comments with open reports: few, so found from the reports rather than by scanning comments. */
async function openlyReportedIds(): Promise<string[]> {
  const rows = await db.report.findMany({ where: { resolvedAt: null }, distinct: ["commentId"], select: { commentId: true } });
  return rows.map((row) => row.commentId);
}

/**
 * The reported tab's count without filters: one small statement, where the filtered count must
 * first list the reported comments (a report's comment always exists: reports go with it).
 */
async function openlyReportedCount(): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number | bigint }[]>`SELECT COUNT(DISTINCT "commentId") AS "count" FROM "Report" WHERE "resolvedAt" IS NULL`;
  return Number(row?.count ?? 0);
}

export async function listQueue(viewer: Viewer | null, tab: Tab, filters: QueueFilters, cursor?: string, take = PAGE_SIZE): Promise<QueuePage> {
  if (!hasRole(viewer, "MODERATOR")) return { items: [], nextCursor: null };
  // Pending is worked oldest first, or most likely spam first; the other tabs show the latest first.
  const ascending = tab === "pending";
  const bySpamScore = tab === "pending" && filters.sort === "spam";
  const after = bySpamScore ? null : decodeCursor(cursor);
  const afterScored = bySpamScore ? decodeScoreCursor(cursor) : null;
  const where = {
    ...(tab === "reported" ? { id: { in: await openlyReportedIds() } } : { status: tabStatus[tab] }),
    ...filterWhere(filters),
    ...(after ? keysetAfter(after, ascending) : {}),
    ...(afterScored ? scoreKeysetAfter(afterScored) : {}),
  };
  const order = ascending ? "asc" : "desc";
  const rows = await db.comment.findMany({
    where,
    orderBy: bySpamScore ? [{ spamScore: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }] : [{ createdAt: order }, { id: order }],
    take: take + 1,
    select: {
      id: true,
      status: true,
      ...renderedSelect,
      revision: true,
      guestName: true,
      parentId: true,
      createdAt: true,
      termsVersion: true,
      heldReason: true,
      spamScore: true,
      rejectionReason: true,
      author: { select: { id: true, name: true, email: true, createdAt: true } },
      decidedBy: { select: { name: true } },
      post: { select: { title: true, slug: true } },
      parent: { select: { body: true } },
      _count: { select: { revisions: true } },
      reports: {
        where: { resolvedAt: null },
        orderBy: { createdAt: "asc" },
        select: { reason: true, text: true, createdAt: true, reporter: { select: { name: true } } },
      },
    },
  });
  const page = rows.slice(0, take);
  const authorIds = [...new Set(page.map((row) => row.author?.id).filter((id): id is string => Boolean(id)))];
  const approved = authorIds.length
    ? await db.comment.groupBy({ by: ["authorId"], where: { authorId: { in: authorIds }, status: "APPROVED" }, _count: { _all: true } })
    : [];
  const approvedBy = new Map(approved.map((row) => [row.authorId, row._count._all]));

  return {
    nextCursor: rows.length > take ? (bySpamScore ? encodeScoreCursor(page[page.length - 1]!) : encodeCursor(page[page.length - 1]!)) : null,
    items: page.map((row) => ({
      id: row.id,
      status: row.status,
      body: row.body,
      revision: row.revision,
      bodyHtml: commentHtml(row),
      authorName: row.author?.name ?? row.guestName ?? "Deleted user",
      authorEmail: row.author?.email ?? null,
      authorId: row.author?.id ?? null,
      accountCreatedAt: row.author?.createdAt ?? null,
      approvedBefore: (row.author ? approvedBy.get(row.author.id) : 0) ?? 0,
      postTitle: row.post.title,
      postSlug: row.post.slug,
      parentId: row.parentId,
      parentExcerpt: row.parent ? flatExcerpt(row.parent.body) : null,
      createdAt: row.createdAt,
      termsVersion: row.termsVersion,
      heldReason: row.heldReason,
      spamScore: row.spamScore,
      rejectionReason: row.rejectionReason,
      decidedBy: row.decidedBy?.name ?? null,
      edited: row._count.revisions > 0,
      reports: row.reports.map((report) => ({ reason: report.reason, text: report.text, reporter: report.reporter.name, createdAt: report.createdAt })),
    })),
  };
}

const hasFilters = (filters: QueueFilters) => Boolean(filters.post || filters.author || filters.q);

/**
 * How many comments each tab holds under the current filters. Unfiltered, from the tallies the
 * database keeps; filtered, counted (a post's or an author's comments, or a search).
 */
export async function queueCounts(viewer: Viewer | null, filters: QueueFilters = {}): Promise<Record<Tab, number>> {
  const counts: Record<Tab, number> = { pending: 0, reported: 0, approved: 0, rejected: 0, spam: 0, trash: 0 };
  if (!hasRole(viewer, "MODERATOR")) return counts;
  const byStatus = hasFilters(filters)
    ? db.comment.groupBy({ by: ["status"], where: filterWhere(filters), _count: { _all: true } }).then((rows) => rows.map((row) => [row.status, row._count._all] as const))
    : commentTallies().then((tallies) => Object.entries(tallies) as [CommentStatus, number][]);
  const [statuses, reported] = await Promise.all([
    byStatus,
    hasFilters(filters)
      ? openlyReportedIds().then((ids) => (ids.length ? db.comment.count({ where: { id: { in: ids }, ...filterWhere(filters) } }) : 0))
      : openlyReportedCount(),
  ]);
  for (const [status, count] of statuses) counts[status.toLowerCase() as Tab] = count;
  counts.reported = reported;
  return counts;
}

/**
 * After a change: the tabs under the moderator's filters and the whole queue's pending count (the
 * header's), which without filters is the pending tab's own count.
 */
export async function countsAfterChange(viewer: Viewer | null, filters: QueueFilters = {}): Promise<{ counts: Record<Tab, number>; pending: number }> {
  const [counts, tallies] = await Promise.all([queueCounts(viewer, filters), hasFilters(filters) && hasRole(viewer, "MODERATOR") ? commentTallies() : null]);
  return { counts, pending: tallies ? tallies.PENDING : counts.pending };
}

/**
 * The header's pending badge, on every page a moderator opens. The newest pending comment is one
 * raw statement: as a Prisma query it was compiled to a plan on every page, 0.37 ms of the main
 * thread each over a P3 bench run, for a lookup the (status, createdAt, id) index answers at once.
 */
export async function pendingSummary(viewer: Viewer | null): Promise<{ count: number; newestId: string | null } | null> {
  if (!hasRole(viewer, "MODERATOR")) return null;
  const [count, [newest]] = await Promise.all([
    commentTallies().then((tallies) => tallies.PENDING),
    db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Comment" WHERE "status" = 'PENDING' ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
  ]);
  return { count, newestId: newest?.id ?? null };
}
