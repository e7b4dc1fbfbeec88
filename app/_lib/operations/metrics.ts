/**
 * The process's Prometheus metrics (prom-client). The server (scripts/serve.ts) records every
 * request's duration; the app records submissions and decisions; GET /metrics adds what the
 * database knows at scrape time. Server and app are separate module graphs in one process (Next
 * bundles the app), so the registry lives on globalThis: both record into the same one.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type Metrics = {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status" | "cache">;
  submissions: Counter<"status">;
  decisions: Counter<"decision">;
  decisionWait: Histogram<"decision">;
  comments: Gauge<"status">;
  oldestPending: Gauge;
  outbox: Gauge<"status">;
  outboxRetrying: Gauge;
};

const KEY = Symbol.for("vetted.metrics");
const store = globalThis as unknown as Record<typeof KEY, Metrics | undefined>;

// Counted from zero, so a rate over a quiet hour reads 0 rather than no data.
const SUBMISSION_STATUSES = ["pending", "approved", "spam"];
const DECISIONS = ["approve", "reject", "spam", "trash", "restore", "undo"];

function create(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const created: Metrics = {
    registry,
    httpDuration: new Histogram({
      name: "vetted_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route (the app's route pattern, never the address itself).",
      labelNames: ["method", "route", "status", "cache"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    submissions: new Counter({ name: "vetted_comment_submissions_total", help: "Comments stored, by the status they were stored with.", labelNames: ["status"], registers }),
    decisions: new Counter({ name: "vetted_moderation_decisions_total", help: "Moderators' decisions on comments, by decision (undo included).", labelNames: ["decision"], registers }),
    decisionWait: new Histogram({
      name: "vetted_moderation_decision_latency_seconds",
      help: "Time from a comment's submission to a moderator's decision on it.",
      labelNames: ["decision"],
      buckets: [10, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86_400, 3 * 86_400, 7 * 86_400],
      registers,
    }),
    comments: new Gauge({ name: "vetted_comments", help: "Comments by status (the moderation queue's depth is status=\"pending\").", labelNames: ["status"], registers }),
    oldestPending: new Gauge({ name: "vetted_oldest_pending_comment_age_seconds", help: "Age of the oldest comment waiting for a moderator; 0 when none waits.", registers }),
    outbox: new Gauge({ name: "vetted_outbox_messages", help: "Emails not delivered yet, by outbox status (failed: given up on).", labelNames: ["status"], registers }),
    outboxRetrying: new Gauge({ name: "vetted_outbox_retrying_messages", help: "Queued emails whose delivery failed at least once and will be tried again.", registers }),
  };
  for (const status of SUBMISSION_STATUSES) created.submissions.inc({ status }, 0);
  for (const decision of DECISIONS) created.decisions.inc({ decision }, 0);
  for (const decision of DECISIONS.filter((name) => name !== "undo")) created.decisionWait.zero({ decision });
  return created;
}

export function metrics(): Metrics {
  store[KEY] ??= create();
  return store[KEY];
}
