import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { isId } from "@/app/_lib/schemas/ids";
import { PostForm } from "../post-form";

export const metadata: Metadata = { title: "Edit post" };

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageRole("ADMIN", `/moderation/posts/${id}`);
  const post = isId(id) ? await db.post.findUnique({ where: { id } }) : null;
  if (!post) notFound();
  return (
    <>
      <h1>Edit “{post.title}”</h1>
      <PostForm post={{ ...post, publishedAt: post.publishedAt.toISOString().slice(0, 10) }} />
    </>
  );
}
