import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { siteSecret } from "@/app/_lib/auth/site-secret";

/**
 * A provider (OAuth) sign-in to an account with two-factor on stops before a session is made:
 * the sign-in page gets this short-lived, signed note of which account the provider vouched for,
 * and only the note together with a right code signs in.
 */
const PENDING_SECONDS = 10 * 60;

const mac = (body: string) => createHmac("sha256", siteSecret("sign two-factor sign-ins")).update(`two-factor-pending:${body}`).digest();

export function signPendingSignIn(userId: string, now = new Date()): string {
  const body = Buffer.from(JSON.stringify([userId, Math.floor(now.getTime() / 1000)])).toString("base64url");
  return `${body}.${mac(body).toString("base64url")}`;
}

/** The account a pending sign-in names, or null for one forged, altered or too old. */
export function verifyPendingSignIn(token: string, now = new Date()): string | null {
  const [body, signature, ...rest] = token.split(".");
  if (!body || !signature || rest.length) return null;
  const expected = mac(body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString("base64url") !== signature) return null;
  try {
    const [userId, issuedAt] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as [unknown, unknown];
    const age = Math.floor(now.getTime() / 1000) - Number(issuedAt);
    if (typeof userId !== "string" || typeof issuedAt !== "number" || age < -60 || age > PENDING_SECONDS) return null;
    return userId;
  } catch {
    return null;
  }
}
