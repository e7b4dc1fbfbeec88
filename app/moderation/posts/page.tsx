import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { toggleComments } from "@/app/_lib/actions/posts";
import { requirePageRole } from "@/app/_lib/auth/require";
import { formatLongDate, relativeTime } from "@/app/_lib/format";
import { listPostQueues } from "@/app/_lib/moderation/post-queues";
import { DataTable } from "@/app/_components/data-table";

export const metadata: Metadata = { title: "Posts" };

export default async function PostsPage() {
  await connection();
  const viewer = await requirePageRole("MODERATOR", "/moderation/posts");
  const isAdmin = viewer.role === "ADMIN";
  const posts = await listPostQueues(viewer);
  const now = new Date();
  return (
    <>
      <h1>Posts</h1>
      {isAdmin && (
        <p>
          <Link prefetch={false} href="/moderation/posts/new">Add a post</Link>
        </p>
      )}
      <DataTable caption="Posts, those with the most comments waiting first" columns={["Title", "Published", "Waiting for review", "Comments", ...(isAdmin ? ["Actions"] : [])]}>
        {posts.map((post) => (
          <tr key={post.id}>
            <td>
              <Link prefetch={false} href={`/posts/${post.slug}`}>{post.title}</Link>
            </td>
            <td>{formatLongDate(post.publishedAt)}</td>
            <td>
              {post.pending > 0 ? (
                <>
                  <Link prefetch={false} href={`/moderation?post=${post.slug}`} aria-label={`${post.pending} pending on ${post.title}: open its queue`}>
                    {post.pending} pending
                  </Link>
                  {post.oldestPendingAt && <span className="muted"> (oldest {relativeTime(post.oldestPendingAt, now)})</span>}
                </>
              ) : (
                "none"
              )}
            </td>
            <td>{post.commentsOpen ? "open" : "closed"}</td>
            {isAdmin && (
              <td>
                <Link prefetch={false} href={`/moderation/posts/${post.id}`} aria-label={`Edit ${post.title}`}>
                  Edit
                </Link>{" "}
                <form action={toggleComments} className="inline-form">
                  <input type="hidden" name="postId" value={post.id} />
                  <input type="hidden" name="open" value={String(!post.commentsOpen)} />
                  <button type="submit" className="link-button" aria-label={`${post.commentsOpen ? "Close" : "Open"} comments on ${post.title}`}>
                    {post.commentsOpen ? "Close comments" : "Open comments"}
                  </button>
                </form>
              </td>
            )}
          </tr>
        ))}
      </DataTable>
    </>
  );
}
