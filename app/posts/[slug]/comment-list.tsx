import type { ThreadComment } from "@/app/_lib/comments/queries";
import { formatLongDate } from "@/app/_lib/format";
import { OwnCommentControls } from "./own-comment-controls";
import { ReplyToggle } from "./reply-toggle";
import { ReportToggle } from "./report-toggle";

export type ReplyContext = { postId: string; termsVersion: number; maxDepth: number } | null;

/** Who is reading: signed-in readers in good standing can report published comments. */
export type ReaderContext = { canReport: boolean };

export function CommentList({ comments, reply, reader }: { comments: ThreadComment[]; reply: ReplyContext; reader: ReaderContext }) {
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} id={`comment-${comment.id}`} className={comment.status === "APPROVED" ? "comment" : "comment comment--pending"}>
          {comment.deleted ? (
            <p className="comment__status">This comment was deleted.</p>
          ) : (
            <article aria-label={`Comment by ${comment.authorName}`}>
              <p className="comment__meta">
                <cite className="comment__author">{comment.authorName}</cite> <span>says:</span>{" "}
                <time className="comment__time" dateTime={comment.createdAt.toISOString()}>
                  {formatLongDate(comment.createdAt)}
                </time>
              </p>
              {comment.status === "PENDING" && <p className="comment__status">Your comment is awaiting moderation.</p>}
              {comment.status === "REJECTED" && (
                <p className="comment__status">
                  Your comment was not published.{comment.rejectionReason ? ` Reason: ${comment.rejectionReason}` : ""}
                </p>
              )}
              <div className="comment__body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
              <div className="comment__actions">
                {comment.status === "APPROVED" && reply && comment.depth < reply.maxDepth && (
                  <ReplyToggle postId={reply.postId} parentId={comment.id} authorName={comment.authorName} termsVersion={reply.termsVersion} />
                )}
                {comment.isOwn && comment.status !== "REJECTED" && <OwnCommentControls commentId={comment.id} editableBody={comment.editableBody} />}
                {reader.canReport && !comment.isOwn && comment.status === "APPROVED" && <ReportToggle commentId={comment.id} authorName={comment.authorName} />}
              </div>
            </article>
          )}
          {comment.replies.length > 0 && <CommentList comments={comment.replies} reply={reply} reader={reader} />}
        </li>
      ))}
    </ol>
  );
}
