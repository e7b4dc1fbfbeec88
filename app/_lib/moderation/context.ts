import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { excerpt } from "@/app/_lib/content/truncate";
import { ageOf, exactTime, formatLongDate, relativeTime } from "@/app/_lib/format";
import { PENDING_IN_PLACE, THREAD_PAGE_SIZE } from "@/app/_lib/comments/queries";
import type { CommentStatus } from "./decide";

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

async function authorRecord(userId: string, now: Date): Promise<AuthorRecord | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, role: true, createdAt: true, status: true, suspendedUntil: true, statusReason: true, alwaysPremoderate: true, trusted: true },
  });
  if (!user) return null;
  const [byStatus, recent, reportTotal, reportOpen, latestReports] = await Promise.all([
    db.comment.groupBy({ by: ["status"], where: { authorId: userId }, _count: { _all: true } }),
    db.comment.findMany({
      where: { authorId: userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT,
      select: { id: true, status: true, body: true, createdAt: true, rejectionReason: true, decidedBy: { select: { name: true } }, post: { select: { title: true } } },
    }),
    db.report.count({ where: { comment: { authorId: userId } } }),
    db.report.count({ where: { comment: { authorId: userId }, resolvedAt: null } }),
    db.report.findMany({
      where: { comment: { authorId: userId } },
      orderBy: { createdAt: "desc" },
      take: 3,
      select: { reason: true, text: true, createdAt: true, comment: { select: { body: true } } },
    }),
  ]);
  const counts: Record<CommentStatus, number> = { PENDING: 0, APPROVED: 0, REJECTED: 0, SPAM: 0, TRASH: 0 };
  for (const row of byStatus) counts[row.status] = row._count._all;
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
    counts,
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
      total: reportTotal,
      open: reportOpen,
      latest: latestReports.map((report) => ({ reason: report.reason, text: report.text, when: relativeTime(report.createdAt, now), excerpt: flat(report.comment.body, 80) })),
    },
  };
}

export async function commentContext(viewer: Viewer | null, commentId: string, now = new Date()): Promise<CommentContext | null> {
  if (!hasRole(viewer, "MODERATOR")) return null;
  const comment = await db.comment.findUnique({
    where: { id: commentId },
    select: {
      id: true,
      parentId: true,
      postId: true,
      status: true,
      createdAt: true,
      authorId: true,
      guestName: true,
      post: { select: { title: true, slug: true } },
      parent: { select: { status: true, body: true, deletedAt: true, createdAt: true, guestName: true, author: { select: { name: true } } } },
    },
  });
  if (!comment) return null;
  const [href, author] = await Promise.all([threadHref(comment, comment.post.slug), comment.authorId ? authorRecord(comment.authorId, now) : null]);
  const parent = comment.parent;
  return {
    commentId: comment.id,
    post: comment.post,
    threadHref: href,
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
    author,
    guestName: comment.authorId ? null : (comment.guestName ?? "Deleted user"),
  };
}
