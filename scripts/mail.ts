/**
 * Mail jobs, on whichever database DATABASE_URL names. `npm start` runs them every 15 minutes;
 * where the site is served another way, run them from a scheduler (cron, a systemd timer):
 *   npm run mail -- digest    queue today's digest for moderators who chose one (once a day each)
 *   npm run mail -- deliver   send queued and failed messages through SMTP_URL
 * Without SMTP_URL and MAIL_FROM, messages stay in the outbox at /moderation/outbox.
 */
import nextEnv from "@next/env";
import { createDatabase } from "../app/_lib/db/client";
import { deliverQueued, smtpTransport } from "../app/_lib/mail/deliver";
import { queueDailyDigests } from "../app/_lib/mail/notify";

nextEnv.loadEnvConfig(process.cwd());
const job = process.argv[2];
if (job !== "digest" && job !== "deliver") {
  console.error("Usage: npm run mail -- digest|deliver");
  process.exit(2);
}
const db = createDatabase();
try {
  if (job === "digest") {
    console.log(`Queued ${await queueDailyDigests(db)} digest(s).`);
  }
  if (job === "deliver" || smtpTransport()) {
    if (!smtpTransport()) console.log("SMTP_URL and MAIL_FROM are not set: messages stay in the outbox.");
    const report = await deliverQueued(db);
    console.log(`Sent ${report.sent}, failed ${report.failed}.`);
  }
} finally {
  await db.$disconnect();
}
