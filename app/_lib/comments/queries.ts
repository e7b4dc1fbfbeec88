import "server-only";
import { db } from "@/app/_lib/db";
import { commentHtml, renderedSelect } from "@/app/_lib/content/markdown";
import { inChunks } from "@/app/_lib/db/in-chunks";

export type ThreadComment = {
  id: string;
  authorName: string;
  createdAt: Date;
  bodyHtml: string;
  /** The Markdown source, only for the author's own pending comment (to edit it). */
  editableBody: string | null;
  status: "APPROVED" | "PENDING" | "REJECTED";
  deleted: boolean;
  isOwn: boolean;
  rejectionReason: string | null;
  /** For a moderator: someone else's comment waiting for review, at the revision shown. */
  review: { revision: number } | null;
  depth: number;
  replies: ThreadComment[];
};

export type ThreadPage = { comments: ThreadComment[]; page: number; pageCount: number };

/** Top-level comments per page; their replies come with them. */
export const THREAD_PAGE_SIZE = 50;

const rowSelect = {
  id: true,
  postId: true,
  parentId: true,
  authorId: true,
  guestName: true,
  ...renderedSelect,
  status: true,
  deletedAt: true,
  rejectionReason: true,
  revision: true,
  createdAt: true,
  author: { select: { name: true } },
} as const;

/** New comments waiting for review that a moderator sees at the end of a post's thread. */
export const PENDING_IN_PLACE = 50;

const VIEWER_STATUSES = ["PENDING", "SPAM", "REJECTED"] as const;

/**
 * One page of a post's thread as this viewer may see it: a page of approved top-level comments
 * (oldest first) with all their approved replies, plus the viewer's own pending and rejected
 * comments, and for a moderator every comment waiting for review, in its place. One query per
 * level of nesting, then the tree is assembled in one pass.
 */
export async function listThread(postId: string, viewerId: string | null, requestedPage = 1, maxDepth = 3, { moderator = false } = {}): Promise<ThreadPage> {
  const rootCount = await db.comment.count({ where: { postId, status: "APPROVED", parentId: null } });
  const pageCount = Math.max(1, Math.ceil(rootCount / THREAD_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  // Replies are found by their parents alone: with the post in the condition too, SQLite
  // (planning without statistics) walked every approved comment of the post. A reply stored on
  // another post than its parent's (an import can link one so) stays on its own post's page.
  const visible = (extra: object) => ({
    ...extra,
    OR: [
      { status: "APPROVED" as const },
      ...(viewerId ? [{ authorId: viewerId, status: { in: [...VIEWER_STATUSES] } }] : []),
      ...(moderator ? [{ status: "PENDING" as const }] : []),
    ],
  });

  const roots = await db.comment.findMany({
    where: { postId, status: "APPROVED", parentId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * THREAD_PAGE_SIZE,
    take: THREAD_PAGE_SIZE,
    select: rowSelect,
  });
  const rows = [...roots];
  let parents = roots.map((row) => row.id);
  for (let depth = 2; depth <= maxDepth && parents.length; depth++) {
    // A level can hold more comments than one statement may name (a page's roots with a thousand
    // replies): read in slices, then put back in order.
    const level = (await inChunks(parents, (chunk) => db.comment.findMany({ where: visible({ parentId: { in: chunk } }), select: rowSelect })))
      .filter((row) => row.postId === postId)
      .sort(oldestFirst);
    rows.push(...level);
    parents = level.map((row) => row.id);
  }
  // The viewer's own top-level comments awaiting a decision are shown on every page, at its end,
  // so the author sees theirs in place wherever they are reading.
  if (viewerId) {
    rows.push(
      ...(await db.comment.findMany({
        where: { postId, parentId: null, authorId: viewerId, status: { in: [...VIEWER_STATUSES] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: rowSelect,
      })),
    );
  }
  // A moderator sees the oldest new comments waiting for review after them; the queue has the rest.
  if (moderator) {
    rows.push(
      ...(await db.comment.findMany({
        where: { postId, parentId: null, status: "PENDING", ...(viewerId ? { OR: [{ authorId: null }, { authorId: { not: viewerId } }] } : {}) },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: PENDING_IN_PLACE,
        select: rowSelect,
      })),
    );
  }
  return { comments: assemble(rows, viewerId, moderator), page, pageCount };
}

const oldestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type Row = Awaited<ReturnType<typeof db.comment.findMany<{ select: typeof rowSelect }>>>[number];

function assemble(rows: Row[], viewerId: string | null, moderator: boolean): ThreadComment[] {
  const byId = new Map<string, ThreadComment>();
  for (const row of rows) {
    const isOwn = viewerId !== null && row.authorId === viewerId;
    const deleted = row.deletedAt !== null;
    byId.set(row.id, {
      id: row.id,
      authorName: row.author?.name ?? row.guestName ?? "Deleted user",
      createdAt: row.createdAt,
      bodyHtml: deleted ? "" : commentHtml(row),
      editableBody: isOwn && row.status === "PENDING" ? row.body : null,
      // An author is not told that a filter took their comment for spam: it reads as pending.
      status: row.status === "SPAM" ? "PENDING" : (row.status as ThreadComment["status"]),
      deleted,
      isOwn,
      rejectionReason: isOwn ? row.rejectionReason : null,
      review: moderator && !isOwn && row.status === "PENDING" && !deleted ? { revision: row.revision } : null,
      depth: 1,
      replies: [],
    });
  }
  const roots: ThreadComment[] = [];
  // Rows come level by level, so a parent is always placed before its replies.
  for (const row of rows) {
    const comment = byId.get(row.id)!;
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (parent) {
      comment.depth = parent.depth + 1;
      parent.replies.push(comment);
    } else if (!row.parentId) {
      roots.push(comment);
    }
  }
  for (const comment of byId.values()) comment.replies.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return roots;
}
