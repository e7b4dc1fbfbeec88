import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { siteUrl } from "@/app/_lib/site-url";

/**
 * Search engines index posts; the workspace, readers' accounts and the API are nobody's search
 * result. Drawn per request: the sitemap's address is the site's, which the build does not know.
 */
export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection();
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/moderation", "/account", "/api", "/login", "/register", "/unsubscribe", "/forgot-password", "/reset-password", "/verify-email"] },
    sitemap: `${siteUrl()}/sitemap.xml`,
  };
}
