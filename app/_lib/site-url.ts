/** The site's public address, for links in emails and feeds (no trailing slash). */
export function siteUrl(): string {
  const configured = process.env.SITE_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  return configured.replace(/\/+$/, "");
}
