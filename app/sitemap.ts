import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { db } from "@/app/_lib/db";
import { siteUrl } from "@/app/_lib/site-url";

// The protocol's limit for one sitemap file.
const SITEMAP_URL_LIMIT = 50_000;

/** Every published post, newest first, read per request so a new post is listed at once. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const base = siteUrl();
  const posts = await db.post.findMany({
    where: { publishedAt: { lte: new Date() } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: SITEMAP_URL_LIMIT - 1,
    select: { slug: true, updatedAt: true },
  });
  return [{ url: `${base}/` }, ...posts.map((post) => ({ url: `${base}/posts/${post.slug}`, lastModified: post.updatedAt }))];
}
