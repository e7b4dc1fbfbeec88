import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { siteSecret } from "./site-secret";

/**
 * Short-lived notes the site hands a browser and takes back (a provider sign-in waiting for a
 * password or a code): a list of values and the time of issue, signed with a key of their own
 * purpose, so a note made for one use is worthless for another.
 */
const mac = (purpose: string, body: string) => createHmac("sha256", siteSecret(`sign ${purpose}`)).update(`${purpose}:${body}`).digest();

export function signNote(purpose: string, values: string[], now = new Date()): string {
  const body = Buffer.from(JSON.stringify([...values, Math.floor(now.getTime() / 1000)])).toString("base64url");
  return `${body}.${mac(purpose, body).toString("base64url")}`;
}

/** The note's values, or null for one forged, altered, of another purpose or older than `maxAgeSeconds`. */
export function openNote(purpose: string, token: string, count: number, maxAgeSeconds: number, now = new Date()): string[] | null {
  const [body, signature, ...rest] = token.split(".");
  if (!body || !signature || rest.length) return null;
  const expected = mac(purpose, body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString("base64url") !== signature) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== count + 1) return null;
    const issuedAt = parsed[count] as unknown;
    const values = parsed.slice(0, count) as unknown[];
    if (typeof issuedAt !== "number" || !values.every((value): value is string => typeof value === "string")) return null;
    const age = Math.floor(now.getTime() / 1000) - issuedAt;
    return age < -60 || age > maxAgeSeconds ? null : values;
  } catch {
    return null;
  }
}
