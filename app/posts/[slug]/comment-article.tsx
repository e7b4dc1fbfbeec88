import type { ReactNode } from "react";
import { formatLongDate } from "@/app/_lib/format";

type Props = {
  authorName: string;
  createdAt: Date;
  status: string;
  rejectionReason?: string | null;
  bodyHtml: string;
  /** Someone else's comment shown to a moderator while it waits for review. */
  underReview?: boolean;
  children?: ReactNode;
};

/** One comment as readers see it; the server's thread and the form's freshly stored comment share it. */
export function CommentArticle({ authorName, createdAt, status, rejectionReason, bodyHtml, underReview = false, children }: Props) {
  return (
    <article aria-label={`Comment by ${authorName}`}>
      <p className="comment__meta">
        <cite className="comment__author">{authorName}</cite> <span>says:</span>{" "}
        <time className="comment__time" dateTime={createdAt.toISOString()}>
          {formatLongDate(createdAt)}
        </time>
      </p>
      {status === "PENDING" && <p className="comment__status">{underReview ? "Pending: awaiting your review. Readers do not see this comment." : "Your comment is awaiting moderation."}</p>}
      {status === "REJECTED" && <p className="comment__status">Your comment was not published.{rejectionReason ? ` Reason: ${rejectionReason}` : ""}</p>}
      <div className="comment__body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      <div className="comment__actions">{children}</div>
    </article>
  );
}
