import type { Database } from "@/app/_lib/db/client";
import { isUniqueViolation } from "@/app/_lib/db/errors";
import { deliverQueued } from "./deliver";
import { queueDailyDigests } from "./notify";

/** Digests go out on the first run at or after this hour (UTC) each day. */
export const DEFAULT_DIGEST_HOUR_UTC = 7;
const EVERY_MS = 15 * 60_000;

export const digestDue = (now: Date, hourUtc: number) => now.getUTCHours() >= hourUtc;

/**
 * The mail jobs `npm start` runs beside the web server: today's digests once the hour has come,
 * and delivery of anything queued or failed. Every step is safe to repeat and to run on several
 * instances at once. Returns a function that stops them.
 */
export function startMailJobs(db: Database, { hourUtc = DEFAULT_DIGEST_HOUR_UTC, log = console.error } = {}): () => void {
  const run = async () => {
    const now = new Date();
    try {
      if (digestDue(now, hourUtc)) await queueDailyDigests(db, now);
      await deliverQueued(db);
    } catch (error) {
      // Another instance queued the same digest first: nothing is lost.
      if (!isUniqueViolation(error)) log("Mail jobs failed; they run again in 15 minutes.", error);
    }
  };
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
