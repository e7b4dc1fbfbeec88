import "server-only";
import { after } from "next/server";
import { db } from "@/app/_lib/db";
import { deliverQueued, smtpTransport } from "./deliver";

/**
 * Hands newly queued messages to the mail server once the response has gone out. The messages
 * are already committed, so a failure here only delays them until the next delivery run.
 */
export function sendQueuedMailSoon(): void {
  const sender = smtpTransport();
  if (!sender) return;
  after(async () => {
    try {
      await deliverQueued(db, sender);
    } catch (error) {
      console.error("Mail delivery failed; the messages stay queued.", error);
    }
  });
}
