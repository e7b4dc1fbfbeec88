import { createHmac, timingSafeEqual } from "node:crypto";
import { isId } from "@/app/_lib/schemas/ids";
import { siteSecret } from "@/app/_lib/auth/site-secret";

/**
 * What one unsubscribe link turns off: decision emails, replies to one comment, or a
 * moderator's alerts about pending comments (each one, or the daily digest, so Undo restores it).
 */
export type MailTopic = "decisions" | "alerts:EACH" | "alerts:DAILY" | `replies:${string}`;

type Payload = { userId: string; topic: MailTopic };

/**
 * How long an emailed link works. Links expire rather than being bound to a per-person version:
 * the only version there is (User.sessionVersion) moves with every new password, ban or "sign out
 * everywhere", which would silently break the unsubscribe link in every email the person already
 * has, and a banned or locked-out reader must still be able to stop our emails. A date asks
 * nothing of the database and ends a leaked link on its own. Ninety days covers an email read or
 * acted on weeks later (and the 30 days of CAN-SPAM); every new email carries a fresh link, and
 * the account page works after that.
 */
export const UNSUBSCRIBE_LINK_DAYS = 90;
const LIFETIME_SECONDS = UNSUBSCRIBE_LINK_DAYS * 24 * 60 * 60;
// Instances' clocks differ a little; a token from further ahead than this was not made by us.
const CLOCK_SKEW_SECONDS = 5 * 60;

export type TokenCheck = ({ ok: true } & Payload & { issuedAt: Date }) | { ok: false; reason: "invalid" | "expired" };

const secret = () => siteSecret("sign unsubscribe links");

function signature(body: string): Buffer {
  return createHmac("sha256", secret()).update(`unsubscribe:${body}`).digest();
}

function isTopic(value: unknown): value is MailTopic {
  return value === "decisions" || value === "alerts:EACH" || value === "alerts:DAILY" || (typeof value === "string" && value.startsWith("replies:") && isId(value.slice("replies:".length)));
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * A token that lets its holder turn off one kind of email for one person, with no sign-in, until
 * UNSUBSCRIBE_LINK_DAYS after `issuedAt`.
 */
export function signUnsubscribeToken(payload: Payload, issuedAt = new Date()): string {
  const body = Buffer.from(JSON.stringify([payload.userId, payload.topic, seconds(issuedAt)])).toString("base64url");
  return `${body}.${signature(body).toString("base64url")}`;
}

/**
 * What a genuine, current token names. Anything altered, truncated or made up is invalid; a
 * genuine one older than its lifetime is expired, and so is one signed before links carried their
 * date (those never expired, so they are refused now rather than honoured for ever).
 */
export function verifyUnsubscribeToken(token: string, now = new Date()): TokenCheck {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined || token.length > 500) return { ok: false, reason: "invalid" };
  const expected = signature(body);
  const given = Buffer.from(mac, "base64url");
  // Base64 leaves spare bits in its last character; only the one canonical spelling is accepted.
  if (given.length !== expected.length || given.toString("base64url") !== mac || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (!Array.isArray(fields)) return { ok: false, reason: "invalid" };
  const [userId, topic, issuedAt] = fields as unknown[];
  if (typeof userId !== "string" || !isTopic(topic)) return { ok: false, reason: "invalid" };
  if (fields.length === 2) return { ok: false, reason: "expired" };
  if (fields.length !== 3 || !Number.isSafeInteger(issuedAt) || (issuedAt as number) < 0) return { ok: false, reason: "invalid" };
  const age = seconds(now) - (issuedAt as number);
  if (age < -CLOCK_SKEW_SECONDS) return { ok: false, reason: "invalid" };
  if (age > LIFETIME_SECONDS) return { ok: false, reason: "expired" };
  return { ok: true, userId, topic, issuedAt: new Date((issuedAt as number) * 1000) };
}
