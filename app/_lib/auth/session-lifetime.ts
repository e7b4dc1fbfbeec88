import { encode, getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";

/** Sessions last a week from the visit that last renewed them; a visit renews one a day old. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
export const SESSION_RENEW_AFTER_SECONDS = 24 * 60 * 60;

/**
 * Whether sessions use the `__Secure-` cookie: when the site is served over HTTPS. NextAuth reads
 * an address without a scheme as HTTPS; so does this, and every reader of the session cookie (the
 * sign-in route, getViewer, the renewal below) asks here, so they always agree on its name.
 */
export function usesSecureCookies(siteUrl = process.env.NEXTAUTH_URL ?? ""): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(siteUrl.trim())?.[1]?.toLowerCase();
  return scheme === undefined ? siteUrl.trim() !== "" : scheme === "https";
}

export type RenewedCookie = { name: string; value: string; secure: boolean; maxAge: number };

/**
 * Sliding renewal: pages read the session without being able to write cookies, so the proxy
 * re-issues a session token that is more than a day old with a fresh week. The claims (user id,
 * session version) are unchanged, so a session ended meanwhile stays ended.
 */
export async function renewedSessionCookie(request: NextRequest, now = Date.now()): Promise<RenewedCookie | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  const secure = usesSecureCookies();
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  if (!secret || !request.cookies.has(name)) return null;
  const token = await getToken({ req: request, secret, secureCookie: secure }).catch(() => null);
  if (!token || typeof token.iat !== "number" || now / 1000 - token.iat < SESSION_RENEW_AFTER_SECONDS) return null;
  // encode() stamps a new issue time, expiry and id; the claims are the ones options.ts keeps.
  const claims = { sub: token.sub, sv: token.sv };
  return { name, value: await encode({ token: claims, secret, maxAge: SESSION_MAX_AGE_SECONDS }), secure, maxAge: SESSION_MAX_AGE_SECONDS };
}
