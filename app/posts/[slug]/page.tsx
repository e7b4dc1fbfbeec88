import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { listApprovedThread } from "@/app/_lib/comments/queries";
import { formatLongDate, isoDate, responsesHeading } from "@/app/_lib/format";
import { getPostBySlug } from "@/app/_lib/posts/queries";
import { CommentList } from "./comment-list";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const post = await getPostBySlug(slug);
  return post ? { title: post.title } : { title: "Page not found" };
}

export default async function PostPage({ params }: Props) {
  await connection();
  const { slug } = await params;
  const post = await getPostBySlug(slug);
  if (!post) notFound();
  const thread = await listApprovedThread(post.id);

  return (
    <>
      <article className="post">
        <header>
          <h1>{post.title}</h1>
          <p className="byline">
            Posted by {post.authorName} • <time dateTime={isoDate(post.publishedAt)}>{formatLongDate(post.publishedAt)}</time>
          </p>
        </header>
        <div className="prose" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      </article>

      <section className="responses" aria-labelledby="responses-heading">
        <h2 id="responses-heading">{responsesHeading(post.approvedCount, post.title)}</h2>
        {thread.length > 0 && <CommentList comments={thread} />}
      </section>

      <section className="reply" aria-labelledby="reply-heading">
        <h2 id="reply-heading">Leave a Reply</h2>
        {post.commentsOpen ? null : <p>Comments are closed.</p>}
        <p className="notice">
          Please note: Comment moderation is enabled and may delay your comment. There is no need to resubmit your comment.
        </p>
        <p>
          Submitting a comment indicates you have read and agreed to the <Link href="/terms">Terms and Conditions</Link>.
        </p>
      </section>
    </>
  );
}
