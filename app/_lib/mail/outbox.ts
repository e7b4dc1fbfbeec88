import type { Transaction } from "@/app/_lib/db/client";
import { siteUrl } from "@/app/_lib/site-url";
import { signUnsubscribeToken, type MailTopic } from "./unsubscribe-token";

export type MailKind = "approved" | "rejected" | "reply" | "pending" | "digest";

export type MailDraft = {
  kind: MailKind;
  userId: string;
  to: string;
  subject: string;
  text: string;
  topic: MailTopic;
  dedupeKey?: string;
  /** Held until then (a decision's email waits out its undo window). */
  notBefore?: Date;
  /** The moderation event that caused it: undoing that event withdraws it while unsent. */
  causeEventId?: string;
};

/**
 * One address for the email's link and its List-Unsubscribe header: opening it unsubscribes at
 * once and lands on a page with Undo; mail clients POST to it for RFC 8058 one-click.
 */
export function unsubscribeUrl(userId: string, topic: MailTopic): string {
  return `${siteUrl()}/unsubscribe/now?token=${signUnsubscribeToken({ userId, topic })}`;
}

/**
 * Stores a message in the outbox inside the caller's transaction: the change and its email
 * commit together or not at all. Every message carries a one-click unsubscribe (RFC 8058).
 */
export async function enqueueMail(tx: Transaction, draft: MailDraft): Promise<void> {
  const unsubscribe = unsubscribeUrl(draft.userId, draft.topic);
  const headers = { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
  await tx.outboxMessage.create({
    data: {
      kind: draft.kind,
      userId: draft.userId,
      toAddress: draft.to,
      subject: draft.subject,
      text: `${draft.text}\n\n--\nTo stop these emails, open ${unsubscribe}`,
      headers: JSON.stringify(headers),
      dedupeKey: draft.dedupeKey ?? null,
      notBefore: draft.notBefore ?? null,
      causeEventId: draft.causeEventId ?? null,
    },
  });
}
