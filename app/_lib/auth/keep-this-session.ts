import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { db } from "@/app/_lib/db";
import { SESSION_MAX_AGE_SECONDS, usesSecureCookies } from "./session-lifetime";

/**
 * After ending every session of the account (a new password, "sign out everywhere else"), issues
 * this browser a session under the new version, so the person who asked stays signed in and
 * every other copy of the old cookie signs in no one. Only a server action can set it.
 */
export async function keepThisSession(userId: string): Promise<void> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return;
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const secure = usesSecureCookies();
  const value = await encode({ token: { sub: userId, sv: sessionVersion }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  (await cookies()).set(`${secure ? "__Secure-" : ""}next-auth.session-token`, value, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS });
}
