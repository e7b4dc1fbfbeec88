import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A signed note of when the comment form was drawn, for whom and on which post. A bot that posts
 * without drawing the form has none; one that edits the time breaks the signature; one that takes
 * another reader's or another post's form is found out by the names inside.
 */
export type FormTokenClaims = { readerId: string; postId: string; issuedAt: Date };

export type FormTokenProblem = "missing" | "malformed" | "forged" | "other-reader" | "other-post" | "expired";
export type FormTokenCheck = { ok: true; ageMs: number } | { ok: false; problem: FormTokenProblem };

/** A form open longer than this is drawn again before it counts: a stolen token does not last. */
export const FORM_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_TOKEN_LENGTH = 400;

function signature(key: string, body: string): Buffer {
  return createHmac("sha256", key).update(`comment-form:${body}`).digest();
}

export function signFormToken(key: string, claims: FormTokenClaims): string {
  const body = Buffer.from(JSON.stringify([claims.readerId, claims.postId, claims.issuedAt.getTime()])).toString("base64url");
  return `${body}.${signature(key, body).toString("base64url")}`;
}

/** What a submitted token proves: how long ago the form was drawn for this reader and post. */
export function checkFormToken(key: string, token: string | undefined, expected: { readerId: string; postId: string; now: Date }): FormTokenCheck {
  if (!token) return { ok: false, problem: "missing" };
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined || token.length > MAX_TOKEN_LENGTH) return { ok: false, problem: "malformed" };
  const given = Buffer.from(mac, "base64url");
  const wanted = signature(key, body);
  // Only the canonical spelling of the signature counts, so one token has one form.
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted) || given.toString("base64url") !== mac) return { ok: false, problem: "forged" };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, problem: "malformed" };
  }
  if (!Array.isArray(claims) || claims.length !== 3 || typeof claims[0] !== "string" || typeof claims[1] !== "string" || !Number.isSafeInteger(claims[2])) {
    return { ok: false, problem: "malformed" };
  }
  const [readerId, postId, issuedAt] = claims as [string, string, number];
  if (readerId !== expected.readerId) return { ok: false, problem: "other-reader" };
  if (postId !== expected.postId) return { ok: false, problem: "other-post" };
  const ageMs = expected.now.getTime() - issuedAt;
  if (ageMs > FORM_TOKEN_LIFETIME_MS) return { ok: false, problem: "expired" };
  // Instances' clocks differ a little: a form from slightly ahead is simply very young.
  return { ok: true, ageMs: Math.max(0, ageMs) };
}
