import type { PublicComment } from "@/app/_lib/comments/queries";
import { formatLongDate, isoDate } from "@/app/_lib/format";

export function CommentList({ comments }: { comments: PublicComment[] }) {
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} id={`comment-${comment.id}`} className="comment">
          <article aria-label={`Comment by ${comment.authorName}`}>
            <p className="comment__meta">
              <cite className="comment__author">{comment.authorName}</cite> <span>says:</span>{" "}
              <time className="comment__time" dateTime={isoDate(comment.createdAt)}>
                {formatLongDate(comment.createdAt)}
              </time>
            </p>
            <div className="comment__body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
          </article>
          {comment.replies.length > 0 && <CommentList comments={comment.replies} />}
        </li>
      ))}
    </ol>
  );
}
