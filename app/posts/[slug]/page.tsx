import type { Metadata } from "next";
import { SITE_FEED } from "@/app/_lib/feeds/site-feed";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getViewer } from "@/app/_lib/auth/viewer";
import { hasRole } from "@/app/_lib/auth/require";
import { listThread } from "@/app/_lib/comments/queries";
import { formatLongDate, isoDate, responsesHeading } from "@/app/_lib/format";
import { acceptsComments } from "@/app/_lib/posts/open";
import { requestedCommentsPage } from "@/app/_lib/posts/cache";
import { getPostBySlug } from "@/app/_lib/posts/queries";
import { getSettings } from "@/app/_lib/settings";
import { currentTermsVersion } from "@/app/_lib/terms/current";
import { commentingBlockedReason } from "@/app/_lib/users/standing";
import { commentFormToken } from "@/app/_lib/spam/comment-form-token";
import { CommentForm } from "./comment-form";
import { CommentList, type ReplyContext } from "./comment-list";
import { PendingHere } from "./pending-here";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ comments?: string | string[] }> };

// getPostBySlug is read once per request (the metadata and the page share it). Visitors without a
// session get the page from the server's page cache; what reaches here is drawn from the database.

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const post = await getPostBySlug(slug);
  if (!post) return { title: "Page not found" };
  const path = `/posts/${post.slug}`;
  return {
    title: post.title,
    description: post.description,
    authors: [{ name: post.authorName }],
    // Metadata merges key by key, so the page repeats the site's feed next to its own.
    alternates: { canonical: path, types: { "application/rss+xml": [SITE_FEED, { url: `${path}/comments/feed.xml`, title: `Comments on “${post.title}”` }] } },
    openGraph: { type: "article", url: path, siteName: "Vetted", title: post.title, description: post.description, publishedTime: post.publishedAt.toISOString(), authors: [post.authorName] },
    twitter: { card: "summary", title: post.title, description: post.description },
  };
}

export default async function PostPage({ params, searchParams }: Props) {
  await connection();
  const { slug } = await params;
  // A made-up page number is refused before anything is read, let alone cached.
  const page = requestedCommentsPage((await searchParams).comments);
  if (page === null) notFound();
  const viewer = await getViewer();
  const post = await getPostBySlug(slug);
  if (!post) notFound();
  const [termsVersion, settings] = await Promise.all([currentTermsVersion(), getSettings()]);
  // Moderators see the comments waiting for review in their places, and decide on them there.
  const moderator = hasRole(viewer, "MODERATOR");
  const thread = await listThread(post.id, viewer?.id ?? null, page, settings.maxReplyDepth, { moderator });
  // A page past the end (an old link to a thread that has since shrunk) has the last page's address.
  if (thread.page !== page) redirect(thread.page === 1 ? `/posts/${post.slug}` : `/posts/${post.slug}?comments=${thread.page}`);
  const blocked = viewer ? commentingBlockedReason(viewer) : null;
  const open = acceptsComments(post, settings.closeCommentsAfterDays);
  const canComment = Boolean(viewer && !blocked && open && termsVersion !== null);
  const renderKey = crypto.randomUUID();
  // Every form on this page (the comment form and each reply) carries when it was drawn, signed.
  const formToken = canComment && viewer ? commentFormToken(viewer.id, post.id) : "";
  const reply: ReplyContext = canComment && termsVersion !== null ? { postId: post.id, termsVersion, maxDepth: settings.maxReplyDepth, renderKey, formToken } : null;

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
        {moderator && <PendingHere viewer={viewer} slug={post.slug} postId={post.id} />}
        {thread.comments.length > 0 && <CommentList comments={thread.comments} reply={reply} reader={{ canReport: Boolean(viewer && !blocked), rejectionReasons: moderator ? settings.rejectionReasons : undefined }} />}
        {thread.pageCount > 1 && (
          <nav aria-label="Comment pages" className="pager">
            {thread.page > 1 && <Link prefetch={false} href={`/posts/${post.slug}?comments=${thread.page - 1}#responses-heading`}>« Older comments</Link>}
            <span>
              Page {thread.page} of {thread.pageCount}
            </span>
            {thread.page < thread.pageCount && <Link prefetch={false} href={`/posts/${post.slug}?comments=${thread.page + 1}#responses-heading`}>Newer comments »</Link>}
          </nav>
        )}
      </section>

      <section className="reply" id="reply" aria-labelledby="reply-heading">
        <h2 id="reply-heading">Leave a Reply</h2>
        {!open ? (
          <p>Comments are closed.</p>
        ) : !viewer ? (
          <p>
            You must be logged in to post a comment. <Link prefetch={false} href={`/login?callbackUrl=${encodeURIComponent(`/posts/${post.slug}#reply`)}`}>Log in</Link>
          </p>
        ) : blocked ? (
          <p className="form-error">{blocked}</p>
        ) : termsVersion === null ? (
          <p>Comments open once the Terms and Conditions are published.</p>
        ) : (
          <CommentForm postId={post.id} termsVersion={termsVersion} submissionKey={crypto.randomUUID()} formToken={formToken} renderKey={renderKey} />
        )}
        <p className="notice">
          Please note: Comment moderation is enabled and may delay your comment. There is no need to resubmit your comment.
        </p>
        <p>
          Submitting a comment indicates you have read and agreed to the <Link prefetch={false} href="/terms">Terms and Conditions</Link>.
        </p>
      </section>
    </>
  );
}
