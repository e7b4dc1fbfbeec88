import { z } from "zod";
import { REJECTION_REASONS } from "@/app/_lib/schemas/limits";

/** A person reads the post and writes something: even a quick "Thanks!" takes longer than this. */
export const DEFAULT_MIN_SECONDS_TO_COMMENT = 3;

const phrases = z.array(z.string().trim().min(1).max(100)).max(500);

/** Site settings with their defaults; admins change them at /moderation/settings. */
export const settingsSchema = z.object({
  /** Flood control: the least time between two comments by one reader. */
  commentIntervalSeconds: z.number().int().min(0).max(3600).default(15),
  /** How deep replies may nest (1 = no replies). */
  maxReplyDepth: z.number().int().min(1).max(10).default(3),
  /** An identical comment by the same author on the same post within this time is refused. */
  duplicateWindowMinutes: z.number().int().min(0).max(24 * 60).default(10),
  blocklist: phrases.default([]),
  holdWords: phrases.default([]),
  maxLinks: z.number().int().min(0).max(100).default(2),
  holdFirstComment: z.boolean().default(true),
  requirePreviousApproval: z.boolean().default(true),
  /** Readers who have not verified their address may comment; their comments are held. */
  unverifiedMayComment: z.boolean().default(true),
  /** Comments close on posts older than this many days; 0 keeps them open. */
  closeCommentsAfterDays: z.number().int().min(0).max(36500).default(0),
  /**
   * The least time between drawing the comment form and posting it; quicker posts are a script's
   * and go to Spam. COMMENT_MIN_SECONDS sets the default where admins have not chosen a value.
   */
  minSecondsToComment: z.number().int().min(0).max(600).default(DEFAULT_MIN_SECONDS_TO_COMMENT),
  /** A comment the spam filter rates at least this likely spam (in %) goes to Spam; 0 turns this off. */
  spamThresholdPercent: z.number().int().min(0).max(100).default(0),
  /**
   * Moderators and admins must sign in with two-factor: until they set it up, they have no
   * moderation powers and are sent to /account to do it.
   */
  requireTwoFactorForStaff: z.boolean().default(false),
  /** The reasons the reject panel offers, besides a typed one. */
  rejectionReasons: z.array(z.string().trim().min(1).max(200)).max(30).default([...REJECTION_REASONS]),
});
export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = settingsSchema.parse({});

