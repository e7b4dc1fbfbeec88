import { createHmac, timingSafeEqual } from "node:crypto";
import { isId } from "@/app/_lib/schemas/ids";

/**
 * What one unsubscribe link turns off: decision emails, replies to one comment, or a
 * moderator's alerts about pending comments (each one, or the daily digest, so Undo restores it).
 */
export type MailTopic = "decisions" | "alerts:EACH" | "alerts:DAILY" | `replies:${string}`;

type Payload = { userId: string; topic: MailTopic };

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET must be set to sign unsubscribe links.");
  return value;
}

function signature(body: string): Buffer {
  return createHmac("sha256", secret()).update(`unsubscribe:${body}`).digest();
}

function isTopic(value: unknown): value is MailTopic {
  return value === "decisions" || value === "alerts:EACH" || value === "alerts:DAILY" || (typeof value === "string" && value.startsWith("replies:") && isId(value.slice("replies:".length)));
}

/** A token that lets its holder turn off one kind of email for one person, with no sign-in. */
export function signUnsubscribeToken(payload: Payload): string {
  const body = Buffer.from(JSON.stringify([payload.userId, payload.topic])).toString("base64url");
  return `${body}.${signature(body).toString("base64url")}`;
}

/** The payload of a genuine token; null for anything altered, truncated or made up. */
export function verifyUnsubscribeToken(token: string): Payload | null {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined || token.length > 500) return null;
  const expected = signature(body);
  const given = Buffer.from(mac, "base64url");
  // Base64 leaves spare bits in its last character; only the one canonical spelling is accepted.
  if (given.length !== expected.length || given.toString("base64url") !== mac || !timingSafeEqual(given, expected)) return null;
  try {
    const [userId, topic] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown[];
    if (typeof userId !== "string" || !isTopic(topic)) return null;
    return { userId, topic };
  } catch {
    return null;
  }
}
