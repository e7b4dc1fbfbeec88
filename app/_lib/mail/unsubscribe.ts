import "server-only";
import { db } from "@/app/_lib/db";
import { UNSUBSCRIBE_LINK_DAYS, verifyUnsubscribeToken, type MailTopic } from "./unsubscribe-token";

export function describeTopic(topic: MailTopic): string {
  if (topic === "decisions") return "emails when a moderator approves or rejects your comments";
  if (topic === "alerts:EACH") return "an email for each comment waiting for review";
  if (topic === "alerts:DAILY") return "the daily digest of comments waiting for review";
  return "emails about replies to one of your comments";
}

export const INVALID_LINK = "This unsubscribe link is not valid. Copy the whole link from the email, or change your email settings on your account page.";
export const EXPIRED_LINK = `This unsubscribe link has expired: the links in our emails work for ${UNSUBSCRIBE_LINK_DAYS} days. Use the link in a newer email, or change your email settings on your account page.`;

/** Whom and what a link's token names, or why it cannot be used, in words for the reader. */
export function checkLink(token: string): { ok: true; userId: string; topic: MailTopic } | { ok: false; message: string } {
  const check = verifyUnsubscribeToken(token);
  if (!check.ok) return { ok: false, message: check.reason === "expired" ? EXPIRED_LINK : INVALID_LINK };
  return { ok: true, userId: check.userId, topic: check.topic };
}

export type Subscription = { ok: true; topic: MailTopic; description: string; subscribed: boolean } | { ok: false; message: string };

/** Whether the person a token names still gets what it names. */
export async function subscriptionFor(token: string): Promise<Subscription> {
  const link = checkLink(token);
  if (!link.ok) return link;
  const { userId, topic } = link;
  const description = describeTopic(topic);
  if (topic.startsWith("replies:")) {
    const comment = await db.comment.findFirst({ where: { id: topic.slice("replies:".length), authorId: userId }, select: { notifyReplies: true } });
    return comment ? { ok: true, topic, description, subscribed: comment.notifyReplies } : { ok: false, message: INVALID_LINK };
  }
  const user = await db.user.findFirst({ where: { id: userId, deletedAt: null }, select: { notifyOnDecision: true, moderatorAlerts: true } });
  if (!user) return { ok: false, message: INVALID_LINK };
  const subscribed = topic === "decisions" ? user.notifyOnDecision : user.moderatorAlerts === topic.slice("alerts:".length);
  return { ok: true, topic, description, subscribed };
}

/**
 * Turns off (or, for Undo, back on) exactly what one signed link names. The token is the only
 * credential: it was sent to the person's address, cannot be altered to name another person,
 * another comment or another kind of email, and stops working UNSUBSCRIBE_LINK_DAYS after it was
 * sent. Call it only for a POST (a button the person pressed, or a mail client's RFC 8058
 * one-click): mail scanners open every link in a message with GET, and must change nothing.
 */
export async function setSubscription(token: string, subscribed: boolean): Promise<Subscription> {
  const link = checkLink(token);
  if (!link.ok) return link;
  const { userId, topic } = link;
  if (topic === "decisions") {
    await db.user.updateMany({ where: { id: userId, deletedAt: null }, data: { notifyOnDecision: subscribed } });
  } else if (topic === "alerts:EACH" || topic === "alerts:DAILY") {
    const chosen = topic === "alerts:EACH" ? "EACH" : "DAILY";
    // Turning off only undoes this choice: a moderator who has since picked the other keeps it.
    await db.user.updateMany({
      where: { id: userId, deletedAt: null, ...(subscribed ? {} : { moderatorAlerts: chosen }) },
      data: { moderatorAlerts: subscribed ? chosen : "NONE" },
    });
  } else {
    await db.comment.updateMany({ where: { id: topic.slice("replies:".length), authorId: userId, deletedAt: null }, data: { notifyReplies: subscribed } });
  }
  return subscriptionFor(token);
}

export const unsubscribe = (token: string) => setSubscription(token, false);
