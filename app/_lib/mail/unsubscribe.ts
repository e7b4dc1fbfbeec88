import "server-only";
import { db } from "@/app/_lib/db";
import { verifyUnsubscribeToken, type MailTopic } from "./unsubscribe-token";

export function describeTopic(topic: MailTopic): string {
  if (topic === "decisions") return "emails when a moderator approves or rejects your comments";
  if (topic === "alerts:EACH") return "an email for each comment waiting for review";
  if (topic === "alerts:DAILY") return "the daily digest of comments waiting for review";
  return "emails about replies to one of your comments";
}

export const INVALID_LINK = "This unsubscribe link is not valid. Copy the whole link from the email, or change your email settings on your account page.";

export type Subscription = { ok: true; topic: MailTopic; description: string; subscribed: boolean } | { ok: false; message: string };

/** Whether the person a token names still gets what it names. */
export async function subscriptionFor(token: string): Promise<Subscription> {
  const payload = verifyUnsubscribeToken(token);
  if (!payload) return { ok: false, message: INVALID_LINK };
  const { userId, topic } = payload;
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
 * credential: it was sent to the person's address and cannot be altered to name another person,
 * another comment or another kind of email.
 */
export async function setSubscription(token: string, subscribed: boolean): Promise<Subscription> {
  const payload = verifyUnsubscribeToken(token);
  if (!payload) return { ok: false, message: INVALID_LINK };
  const { userId, topic } = payload;
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
