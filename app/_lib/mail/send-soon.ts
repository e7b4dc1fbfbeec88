import "server-only";
import { after } from "next/server";
import { db } from "@/app/_lib/db";
import { deliverQueued, smtpTransport } from "./deliver";

/**
 * Hands newly queued messages to the mail server once the response has gone out (or, for a
 * decision's, once its undo window has closed). The messages are already committed, so a
 * failure here only delays them until the next delivery run.
 */
export function sendQueuedMailSoon({ afterMs = 0 }: { afterMs?: number } = {}): void {
  const sender = smtpTransport();
  if (!sender) return;
  after(async () => {
    if (afterMs > 0) await new Promise((resolve) => setTimeout(resolve, afterMs));
    try {
      await deliverQueued(db, sender);
    } catch (error) {
      console.error("Mail delivery failed; the messages stay queued.", error);
    }
  });
}
