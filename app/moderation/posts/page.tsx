import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { toggleComments } from "@/app/_lib/actions/posts";
import { requirePageRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { formatLongDate } from "@/app/_lib/format";
import { DataTable } from "@/app/_components/data-table";

export const metadata: Metadata = { title: "Posts" };

export default async function PostsAdminPage() {
  await connection();
  await requirePageRole("ADMIN", "/moderation/posts");
  const posts = await db.post.findMany({ orderBy: { publishedAt: "desc" }, take: 200, select: { id: true, slug: true, title: true, publishedAt: true, commentsOpen: true } });
  return (
    <>
      <h1>Posts</h1>
      <p>
        <Link href="/moderation/posts/new">Add a post</Link>
      </p>
      <DataTable caption="Posts, newest first" columns={["Title", "Published", "Comments", "Actions"]}>
        {posts.map((post) => (
          <tr key={post.id}>
            <td>
              <Link href={`/posts/${post.slug}`}>{post.title}</Link>
            </td>
            <td>{formatLongDate(post.publishedAt)}</td>
            <td>{post.commentsOpen ? "open" : "closed"}</td>
            <td>
              <Link href={`/moderation/posts/${post.id}`} aria-label={`Edit ${post.title}`}>
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
          </tr>
        ))}
      </DataTable>
    </>
  );
}
