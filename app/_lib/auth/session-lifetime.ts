import { encode, getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";

/** Sessions last a week from the visit that last renewed them; a visit renews one a day old. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
export const SESSION_RENEW_AFTER_SECONDS = 24 * 60 * 60;

export type RenewedCookie = { name: string; value: string; secure: boolean; maxAge: number };

/**
 * Sliding renewal: pages read the session without being able to write cookies, so the proxy
 * re-issues a session token that is more than a day old with a fresh week. The claims (user id,
 * session version) are unchanged, so a session ended meanwhile stays ended.
 */
export async function renewedSessionCookie(request: NextRequest, now = Date.now()): Promise<RenewedCookie | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  if (!secret || !request.cookies.has(name)) return null;
  const token = await getToken({ req: request, secret, secureCookie: secure }).catch(() => null);
  if (!token || typeof token.iat !== "number" || now / 1000 - token.iat < SESSION_RENEW_AFTER_SECONDS) return null;
  // encode() stamps a new issue time, expiry and id; the claims are the ones options.ts keeps.
  const claims = { sub: token.sub, sv: token.sv };
  return { name, value: await encode({ token: claims, secret, maxAge: SESSION_MAX_AGE_SECONDS }), secure, maxAge: SESSION_MAX_AGE_SECONDS };
}
