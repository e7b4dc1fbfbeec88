"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getViewer } from "@/app/_lib/auth/viewer";
import { postChanged } from "@/app/_lib/posts/cache";
import { pageCacheChanged } from "@/app/_lib/page-cache";
import { savePost as save, setCommentsOpen } from "@/app/_lib/posts/save";
import { postIdInput, postInput } from "@/app/_lib/schemas/post";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

type PostField = "title" | "slug" | "authorName" | "publishedAt" | "body" | "commentsOpen";

export async function savePost(_previous: FormState<PostField>, formData: FormData): Promise<FormState<PostField>> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["title", "slug", "authorName", "publishedAt", "body", "commentsOpen"]);
  const attempt = Date.now();
  const parsed = postInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };
  const id = postIdInput.safeParse({ postId: formData.get("postId") });
  const result = await save(await getViewer(), parsed.data, id.success ? id.data.postId : undefined);
  if (!result.ok) return { status: "error", message: result.field ? undefined : result.message, errors: result.field ? { slug: [result.message] } : undefined, values, attempt };
  postChanged(result.slug);
  // An edit may have changed the address: every page is dropped, the old address's too.
  pageCacheChanged();
  revalidatePath("/", "layout");
  redirect(`/posts/${result.slug}`);
}

export async function toggleComments(formData: FormData): Promise<void> {
  if (!isForm(formData)) return;
  const parsed = postIdInput.safeParse({ postId: formData.get("postId") });
  if (!parsed.success) return;
  const result = await setCommentsOpen(await getViewer(), parsed.data.postId, formData.get("open") === "true");
  if (result.ok) {
    postChanged(result.slug);
    revalidatePath("/", "layout");
  }
}
