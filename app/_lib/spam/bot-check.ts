import type { FormTokenCheck } from "./form-token";

/**
 * What a submission's form says about who sent it. A person never sees the honeypot field, and
 * takes a few seconds at least to write a comment; a script fills every field and posts at once.
 */
export type BotVerdict = { kind: "person" } | { kind: "bot"; reason: string } | { kind: "stale" };

const TOKEN_REASONS = {
  missing: "spam: posted without the comment form (no form timestamp)",
  malformed: "spam: the form timestamp was tampered with",
  forged: "spam: the form timestamp was forged",
  "other-reader": "spam: the form was drawn for another reader",
  "other-post": "spam: the form was drawn for another post",
} as const;

export function judgeSubmission(input: { honeypot: string | undefined; token: FormTokenCheck; minSeconds: number }): BotVerdict {
  if (input.honeypot && input.honeypot.trim() !== "") return { kind: "bot", reason: "spam: filled in the hidden field people never see" };
  const { token } = input;
  // A genuine form left open too long belongs to a person who went away: drawn again, not filed as spam.
  if (!token.ok) return token.problem === "expired" ? { kind: "stale" } : { kind: "bot", reason: TOKEN_REASONS[token.problem] };
  if (token.ageMs < input.minSeconds * 1000) {
    return { kind: "bot", reason: `spam: posted ${(token.ageMs / 1000).toFixed(1)} s after the form was shown (the least is ${input.minSeconds} s)` };
  }
  return { kind: "person" };
}
