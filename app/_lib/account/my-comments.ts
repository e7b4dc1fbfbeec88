import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";

export const MY_COMMENTS_LIMIT = 200;

export type MyComment = {
  id: string;
  body: string;
  status: "PENDING" | "APPROVED" | "REJECTED" | "SPAM" | "TRASH";
  rejectionReason: string | null;
  notifyReplies: boolean;
  createdAt: Date;
  post: { slug: string; title: string };
};

/** The reader's own comments, newest first; spam and trash read as "not published". */
export async function listMyComments(viewer: Viewer): Promise<MyComment[]> {
  return db.comment.findMany({
    where: { authorId: viewer.id, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MY_COMMENTS_LIMIT,
    select: { id: true, body: true, status: true, rejectionReason: true, notifyReplies: true, createdAt: true, post: { select: { slug: true, title: true } } },
  });
}
