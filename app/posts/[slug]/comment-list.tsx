import type { ThreadComment } from "@/app/_lib/comments/queries";
import { CommentArticle } from "./comment-article";
import { ModerateInPlace } from "./moderate-in-place";
import { OwnCommentControls } from "./own-comment-controls";
import { ReplyToggle } from "./reply-toggle";
import { ReportToggle } from "./report-toggle";

/** `renderKey` changes with every server render of the page (see CommentForm). */
export type ReplyContext = { postId: string; termsVersion: number; maxDepth: number; renderKey: string; formToken: string } | null;

/**
 * Who is reading: signed-in readers in good standing can report published comments; moderators
 * (`rejectionReasons` set) decide on pending comments where they stand in the thread.
 */
export type ReaderContext = { canReport: boolean; rejectionReasons?: string[] };

export function CommentList({ comments, reply, reader }: { comments: ThreadComment[]; reply: ReplyContext; reader: ReaderContext }) {
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} id={`comment-${comment.id}`} className={comment.status === "APPROVED" ? "comment" : "comment comment--pending"}>
          {comment.deleted ? (
            <p className="comment__status">This comment was deleted.</p>
          ) : (
            <CommentArticle
              authorName={comment.authorName}
              createdAt={comment.createdAt}
              status={comment.status}
              rejectionReason={comment.rejectionReason}
              bodyHtml={comment.bodyHtml}
              underReview={Boolean(comment.review)}
            >
              {comment.review && reader.rejectionReasons && (
                <ModerateInPlace commentId={comment.id} revision={comment.review.revision} authorName={comment.authorName} reasons={reader.rejectionReasons} />
              )}
              {comment.status === "APPROVED" && reply && comment.depth < reply.maxDepth && (
                <ReplyToggle postId={reply.postId} parentId={comment.id} authorName={comment.authorName} termsVersion={reply.termsVersion} renderKey={reply.renderKey} formToken={reply.formToken} />
              )}
              {comment.isOwn && comment.status !== "REJECTED" && <OwnCommentControls commentId={comment.id} editableBody={comment.editableBody} />}
              {reader.canReport && !comment.isOwn && comment.status === "APPROVED" && <ReportToggle commentId={comment.id} authorName={comment.authorName} />}
            </CommentArticle>
          )}
          {comment.replies.length > 0 && <CommentList comments={comment.replies} reply={reply} reader={reader} />}
        </li>
      ))}
    </ol>
  );
}
