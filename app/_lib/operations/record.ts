import { metrics } from "./metrics";

/** Counts decisions once their transaction committed, with how long each comment had waited. */
export function recordDecisions(decision: string, submittedAts: Date[], now: Date): void {
  const m = metrics();
  const label = { decision: decision.toLowerCase() };
  m.decisions.inc(label, submittedAts.length);
  for (const submittedAt of submittedAts) m.decisionWait.observe(label, Math.max(0, (now.getTime() - submittedAt.getTime()) / 1000));
}

export function recordSubmission(status: string): void {
  metrics().submissions.inc({ status: status.toLowerCase() });
}

export function recordUndos(count: number): void {
  if (count > 0) metrics().decisions.inc({ decision: "undo" }, count);
}
