import Link from "next/link";
import { connection } from "next/server";
import { formatLongDate, isoDate, responsesLabel } from "@/app/_lib/format";
import { listPosts } from "@/app/_lib/posts/queries";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ account?: string }> }) {
  await connection();
  const [posts, { account }] = await Promise.all([listPosts(), searchParams]);
  return (
    <>
      {account === "deleted" && (
        <p role="status" className="notice">
          Your account has been deleted.
        </p>
      )}
      <h1>Posts</h1>
      {posts.length === 0 ? (
        <p>No posts yet.</p>
      ) : (
        <ol className="post-list">
          {posts.map((post) => (
            <li key={post.slug}>
              <h2 className="post-list__title">
                <Link prefetch={false} href={`/posts/${post.slug}`}>{post.title}</Link>
              </h2>
              <p className="byline">
                Posted by {post.authorName} • <time dateTime={isoDate(post.publishedAt)}>{formatLongDate(post.publishedAt)}</time>
                {" · "}
                {responsesLabel(post.approvedCount)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
