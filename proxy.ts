import { NextResponse, type NextRequest } from "next/server";

/**
 * A fresh nonce per request for the Content Security Policy: Next.js reads it from the request's
 * policy header and puts it on its own scripts, so no other inline script can run. Every page is
 * rendered per request already (they read the session), so nonces cost no caching.
 * This is not an authorization layer: every page and action checks who is asking itself.
 */
export function proxy(request: NextRequest) {
  // Next refuses cross-origin server action calls itself, but with a 500; answer with a clear 403.
  if (request.method === "POST" && request.headers.has("next-action") && isCrossOrigin(request)) {
    return new NextResponse("Cross-origin requests are not accepted.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
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
