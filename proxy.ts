import { NextResponse, type NextRequest } from "next/server";
import { renewedSessionCookie } from "@/app/_lib/auth/session-lifetime";

/**
 * A fresh nonce per request for the Content Security Policy: Next.js reads it from the request's
 * policy header and puts it on its own scripts, so no other inline script can run. Every page is
 * rendered per request already (they read the session), so nonces cost no caching.
 * This is not an authorization layer: every page and action checks who is asking itself.
 */
export async function proxy(request: NextRequest) {
  // Next fails with a 500 on addresses that are not valid percent-encoded UTF-8.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return plain(400, "This address is not valid.");
  }
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refusal = await refuseBadActionRequest(request);
    if (refusal) return refusal;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  const renewed = await renewedSessionCookie(request);
  if (renewed) response.cookies.set(renewed.name, renewed.value, { httpOnly: true, sameSite: "lax", path: "/", secure: renewed.secure, maxAge: renewed.maxAge });
  return response;
}

/** Server actions' own body limit (next.config.mjs keeps Next's default). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const plain = (status: number, message: string) => new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Next refuses cross-origin, oversized and malformed server action requests itself, but answers
 * them with a 500. Refuse them here with the right status and a plain reason instead.
 */
async function refuseBadActionRequest(request: NextRequest): Promise<NextResponse | null> {
  if (isCrossOrigin(request)) return plain(403, "Cross-origin requests are not accepted.");
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > ACTION_BODY_LIMIT) return plain(413, "This request is too large.");
  const type = request.headers.get("content-type") ?? "";
  try {
    const copy = request.clone();
    if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) await copy.formData();
    else {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(await copy.arrayBuffer());
      if (text.length > ACTION_BODY_LIMIT) return plain(413, "This request is too large.");
      JSON.parse(text);
    }
  } catch {
    return plain(400, "This request could not be read. Reload the page and try again.");
  }
  return null;
}

function isCrossOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function contentSecurityPolicy(nonce: string, https: boolean): string {
  const development = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // React's development build needs eval for its debugging aids; production never gets it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Styles come from our own stylesheet; inline style attributes cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
