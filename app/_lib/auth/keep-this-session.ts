import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { SESSION_MAX_AGE_SECONDS, usesSecureCookies } from "./session-lifetime";

/**
 * After ending every other session of the account (a new password, "end every other session"),
 * issues this browser a session under the version that change set (never one read back later,
 * which a reset in the meantime may have moved on), so the person who asked stays signed in and
 * every other copy of the old cookie signs in no one. Only a server action can set it.
 */
export async function keepThisSession(userId: string, sessionVersion: number): Promise<void> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return;
  const secure = usesSecureCookies();
  const value = await encode({ token: { sub: userId, sv: sessionVersion }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  (await cookies()).set(`${secure ? "__Secure-" : ""}next-auth.session-token`, value, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS });
}
