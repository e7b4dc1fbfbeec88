import { z } from "zod";
import { stripControl } from "./text";

const lines = z
  .string()
  .optional()
  .transform((text) => [...new Set(stripControl(text ?? "").split("\n").map((line) => line.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(100, "Keep each phrase under 100 characters.")).max(500, "Use at most 500 phrases."));
const reasons = z
  .string()
  .optional()
  .transform((text) => [...new Set(stripControl(text ?? "").split("\n").map((line) => line.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(200, "Keep each reason under 200 characters.")).max(30, "Keep at most 30 reasons."));
const whole = (label: string, min: number, max: number) =>
  z.coerce.number({ error: `${label} must be a whole number.` }).int(`${label} must be a whole number.`).min(min, `${label} must be at least ${min}.`).max(max, `${label} must be at most ${max}.`);
const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** The settings form: text fields from FormData, turned into the stored settings. */
export const settingsFormInput = z.object({
  blocklist: lines,
  holdWords: lines,
  maxLinks: whole("Links allowed", 0, 100),
  holdFirstComment: checkbox,
  requirePreviousApproval: checkbox,
  unverifiedMayComment: checkbox,
  commentIntervalSeconds: whole("Seconds between comments", 0, 3600),
  maxReplyDepth: whole("Reply depth", 1, 10),
  duplicateWindowMinutes: whole("Duplicate window", 0, 1440),
  closeCommentsAfterDays: whole("Days before comments close", 0, 36500),
  rejectionReasons: reasons,
  minSecondsToComment: whole("Seconds before a comment can be posted", 0, 600),
  spamThresholdPercent: whole("Spam threshold", 0, 100),
  requireTwoFactorForStaff: checkbox,
});
