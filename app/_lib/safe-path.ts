const PLACEHOLDER_ORIGIN = "http://vetted.invalid";

/**
 * A same-site path to return to after signing in; anything else is "/". The value is parsed as a
 * browser would parse it, and the parsed form is what is returned: "/\t/evil.example" or
 * "/\\evil.example" read as paths but a browser strips the tab and turns the backslash round,
 * leaving the site for "//evil.example". Comparing origins after parsing catches every such trick.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 500) return "/";
  let target: URL;
  try {
    target = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return "/";
  }
  if (target.origin !== PLACEHOLDER_ORIGIN) return "/";
  const path = `${target.pathname}${target.search}${target.hash}`;
  // Normalising can itself make a path another host's ("/.//evil.example" becomes "//evil.example").
  return /^\/[\/\\]/.test(path) ? "/" : path;
}

/**
 * NextAuth's redirect rule: a path or an address on this site, compared by parsed origin (a
 * prefix test lets "https://site.example@evil.example/" through); anything else is the site's root.
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  try {
    const target = url.startsWith("/") ? new URL(safeReturnPath(url), base) : new URL(url);
    if (target.origin === base.origin) return target.href;
  } catch {
    // Not a URL at all: fall through to the root.
  }
  return new URL("/", base).href;
}
