"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { idleState } from "@/app/_lib/actions/form-state";
import { savePost } from "@/app/_lib/actions/posts";

type PostValues = { id?: string; title: string; slug: string; authorName: string; publishedAt: string; body: string; commentsOpen: boolean };

export function PostForm({ post }: { post: PostValues }) {
  const [state, formAction, pending] = useActionState(savePost, idleState);
  const errors = state.errors ?? {};
  const value = (field: keyof PostValues) => (state.status === "error" ? state.values?.[field as keyof typeof state.values] : undefined);
  const text = (field: "title" | "slug" | "authorName", label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`post-${field}`}>{label}</label>
      <input id={`post-${field}`} name={field} type="text" key={`${field}-${state.attempt}`} defaultValue={value(field) ?? post[field]} aria-invalid={Boolean(errors[field])} aria-describedby={`post-${field}-hint post-${field}-error`} />
      {hint && (
        <p id={`post-${field}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={`post-${field}-error`} errors={errors[field]} />
    </div>
  );
  return (
    <form action={formAction} className="form" noValidate>
      {post.id && <input type="hidden" name="postId" value={post.id} />}
      {text("title", "Title")}
      {text("slug", "Address (slug)", "Leave empty to make one from the title.")}
      {text("authorName", "Author")}
      <div className="field">
        <label htmlFor="post-publishedAt">Publication date</label>
        <input id="post-publishedAt" name="publishedAt" type="date" key={`date-${state.attempt}`} defaultValue={value("publishedAt") ?? post.publishedAt} aria-invalid={Boolean(errors.publishedAt)} aria-describedby="post-publishedAt-error" />
        <FieldError id="post-publishedAt-error" errors={errors.publishedAt} />
      </div>
      <div className="field">
        <label htmlFor="post-body">Body (Markdown)</label>
        <textarea id="post-body" name="body" rows={20} key={`body-${state.attempt}`} defaultValue={value("body") ?? post.body} aria-invalid={Boolean(errors.body)} aria-describedby="post-body-error" />
        <FieldError id="post-body-error" errors={errors.body} />
      </div>
      <div className="field--inline">
        <input id="post-commentsOpen" name="commentsOpen" type="checkbox" defaultChecked={post.commentsOpen} />
        <label htmlFor="post-commentsOpen">Comments open</label>
      </div>
      <div aria-live="polite">{state.message && <p className="form-error">{state.message}</p>}</div>
      <button type="submit" className="button" disabled={pending}>
        {post.id ? "Save post" : "Publish post"}
      </button>
    </form>
  );
}
