import type { Metadata } from "next";
import { requirePageRole } from "@/app/_lib/auth/require";
import { PostForm } from "../post-form";

export const metadata: Metadata = { title: "Add a post" };

export default async function NewPostPage() {
  const viewer = await requirePageRole("ADMIN", "/moderation/posts/new");
  return (
    <>
      <h1>Add a post</h1>
      <PostForm post={{ title: "", slug: "", authorName: viewer.name, publishedAt: new Date().toISOString().slice(0, 10), body: "", commentsOpen: true }} />
    </>
  );
}
