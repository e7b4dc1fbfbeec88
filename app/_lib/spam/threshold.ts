import type { RuleOutcome } from "@/app/_lib/moderation/rules";

/**
 * The filter's word after the rules': a comment the rules did not already file as spam goes to
 * Spam when the filter rates it at or above the site's threshold (0 = the filter only advises).
 */
export function filterVerdict(outcome: RuleOutcome, spamScore: number, thresholdPercent: number): RuleOutcome {
  if (outcome.status === "SPAM" || thresholdPercent <= 0) return outcome;
  const percent = Math.floor(spamScore * 100);
  if (percent < thresholdPercent) return outcome;
  return { status: "SPAM", reason: `spam: the filter rates it ${percent}% likely spam (the threshold is ${thresholdPercent}%)` };
}
