import "server-only";
import { db } from "@/app/_lib/db";
import { verifyUnsubscribeToken, type MailTopic } from "./unsubscribe-token";

export function describeTopic(topic: MailTopic): string {
  if (topic === "decisions") return "emails when a moderator approves or rejects your comments";
  if (topic === "moderator-alerts") return "emails about comments waiting for review";
  return "emails about replies to one of your comments";
}

export type UnsubscribeResult = { ok: true; description: string } | { ok: false; message: string };

/**
 * Turns off what one signed link names. The token is the only credential: it was sent to the
 * person's address and cannot be altered to name another person or another kind of email.
 */
export async function unsubscribe(token: string): Promise<UnsubscribeResult> {
  const payload = verifyUnsubscribeToken(token);
  if (!payload) return { ok: false, message: "This unsubscribe link is not valid. Copy the whole link from the email, or change your email settings on your account page." };
  const { userId, topic } = payload;
  if (topic === "decisions") await db.user.updateMany({ where: { id: userId }, data: { notifyOnDecision: false } });
  else if (topic === "moderator-alerts") await db.user.updateMany({ where: { id: userId }, data: { moderatorAlerts: "NONE" } });
  else await db.comment.updateMany({ where: { id: topic.slice("replies:".length), authorId: userId }, data: { notifyReplies: false } });
  return { ok: true, description: describeTopic(topic) };
}
