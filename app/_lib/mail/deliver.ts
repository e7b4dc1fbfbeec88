import nodemailer, { type Transporter } from "nodemailer";
import type { Database } from "@/app/_lib/db/client";

const MAX_ATTEMPTS = 5;
const BATCH = 50;
// A claim older than this belongs to a run that died; the message may be sent again.
const CLAIM_EXPIRES_MS = 10 * 60_000;

type Sender = { transport: Transporter; from: string };
let configured: { url: string; sender: Sender } | undefined;

/**
 * The SMTP sender when SMTP_URL and MAIL_FROM are set; otherwise messages stay in the outbox.
 * One transport per process, so actions that send mail reuse its connections.
 */
export function smtpTransport(): Sender | null {
  const url = process.env.SMTP_URL;
  const from = process.env.MAIL_FROM;
  if (!url || !from) return null;
  if (configured?.url !== url || configured.sender.from !== from) configured = { url, sender: { transport: nodemailer.createTransport(url), from } };
  return configured.sender;
}

export type DeliveryReport = { sent: number; failed: number };

/**
 * Sends queued messages (and retries failed ones a few times). Each message is marked sent
 * only after the server accepted it; a run that dies in between leaves it SENDING, and it is
 * sent again once the claim expires: a crash can send one message twice but never loses one.
 */
export async function deliverQueued(db: Database, sender = smtpTransport(), now = new Date()): Promise<DeliveryReport> {
  const report = { sent: 0, failed: 0 };
  if (!sender) return report;
  const abandoned = new Date(now.getTime() - CLAIM_EXPIRES_MS);
  const batch = await db.outboxMessage.findMany({
    where: {
      // A decision's email waits until its undo window has closed.
      AND: [{ OR: [{ notBefore: null }, { notBefore: { lte: now } }] }],
      OR: [
        { status: "QUEUED" },
        { status: "FAILED", attempts: { lt: MAX_ATTEMPTS } },
        // A run that died between claiming and finishing.
        { status: "SENDING", claimedAt: { lt: abandoned }, attempts: { lt: MAX_ATTEMPTS } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  for (const message of batch) {
    // Claim the message as it was read, conditionally: when several instances deliver at once,
    // exactly one of them moves it to SENDING and sends it.
    const claimed = await db.outboxMessage.updateMany({
      where: { id: message.id, status: message.status, attempts: message.attempts },
      data: { status: "SENDING", claimedAt: new Date(), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    try {
      await sender.transport.sendMail({
        from: sender.from,
        to: message.toAddress,
        subject: message.subject,
        text: message.text,
        headers: JSON.parse(message.headers) as Record<string, string>,
      });
      await db.outboxMessage.update({ where: { id: message.id }, data: { status: "SENT", sentAt: new Date(), lastError: null } });
      report.sent += 1;
    } catch (error) {
      const lastError = error instanceof Error ? error.message.slice(0, 500) : "Unknown error";
      await db.outboxMessage.update({ where: { id: message.id }, data: { status: "FAILED", lastError } });
      report.failed += 1;
    }
  }
  return report;
}
