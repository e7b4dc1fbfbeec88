import { z } from "zod";
import { slugify } from "@/app/_lib/content/slug";
import { stripControl } from "./text";
import { recordId } from "./ids";

export const postInput = z
  .object({
    title: z.string({ error: "Give the post a title." }).transform((text) => stripControl(text).trim()).pipe(z.string().min(1, "Give the post a title.").max(200, "Keep the title under 200 characters.")),
    slug: z
      .string()
      .trim()
      .max(100, "Keep the address under 100 characters.")
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$|^$/, "Use lowercase letters, digits and single hyphens, like my-post-title.")
      .optional(),
    authorName: z.string({ error: "Name the author." }).transform((text) => stripControl(text).trim()).pipe(z.string().min(1, "Name the author.").max(100, "Keep the author's name under 100 characters.")),
    publishedAt: z
      .string({ error: "Pick the publication date." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the publication date.")
      .transform((value) => new Date(`${value}T12:00:00Z`)),
    body: z.string({ error: "Write the post." }).transform((text) => stripControl(text).trim()).pipe(z.string().min(1, "Write the post.").max(200_000, "The post can be at most 200,000 characters.")),
    commentsOpen: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
  })
  .transform((post) => ({ ...post, slug: post.slug || slugify(post.title) }))
  .refine((post) => post.slug.length > 0, { path: ["slug"], message: "Give the post an address made of letters or digits." });
export type PostInput = z.infer<typeof postInput>;

export const postIdInput = z.object({ postId: recordId() });
