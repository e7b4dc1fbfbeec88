import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { decodeCursor, encodeCursor, keysetAfter } from "./queue";

export const LOG_ACTIONS = [
  "APPROVE",
  "REJECT",
  "SPAM",
  "TRASH",
  "RESTORE",
  "EDIT",
  "DISMISS_REPORTS",
  "ROLE_CHANGE",
  "BAN",
  "SUSPEND",
  "REINSTATE",
  "SET_PREMODERATE",
  "SET_TRUSTED",
  "SETTING_CHANGE",
  "TERMS_PUBLISH",
  "POST_CREATE",
  "POST_EDIT",
  "ACCOUNT_DELETE",
  "UNDO",
] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

export type LogEntry = {
  id: string;
  action: LogAction;
  moderator: string | null;
  subject: string | null;
  commentExcerpt: string | null;
  post: { title: string; slug: string } | null;
  reason: string | null;
  detail: string | null;
  createdAt: Date;
};

/** The audit log, newest first, by moderator, action and post, with cursor pages. */
export async function listLog(
  viewer: Viewer | null,
  filters: { moderatorId?: string; action?: LogAction; post?: string },
  cursor?: string,
  take = 50,
): Promise<{ entries: LogEntry[]; nextCursor: string | null }> {
  if (!hasRole(viewer, "MODERATOR")) return { entries: [], nextCursor: null };
  const after = decodeCursor(cursor);
  const rows = await db.moderationEvent.findMany({
    where: {
      ...(filters.moderatorId ? { moderatorId: filters.moderatorId } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.post ? { post: { slug: filters.post } } : {}),
      ...(after ? keysetAfter(after, false) : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: {
      id: true,
      action: true,
      reason: true,
      detail: true,
      createdAt: true,
      moderator: { select: { name: true } },
      subjectUser: { select: { name: true } },
      comment: { select: { body: true } },
      post: { select: { title: true, slug: true } },
    },
  });
  const page = rows.slice(0, take);
  return {
    nextCursor: rows.length > take ? encodeCursor(page[page.length - 1]!) : null,
    entries: page.map((row) => ({
      id: row.id,
      action: row.action,
      moderator: row.moderator?.name ?? null,
      subject: row.subjectUser?.name ?? null,
      commentExcerpt: row.comment ? row.comment.body.replace(/\s+/g, " ").slice(0, 100) : null,
      post: row.post,
      reason: row.reason,
      detail: row.detail,
      createdAt: row.createdAt,
    })),
  };
}
