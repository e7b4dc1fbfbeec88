/**
 * Limits and choices that forms show before anything is sent. Kept apart from the zod schemas
 * that enforce them, so client components can import them without bundling zod.
 */
export const COMMENT_MAX = 5000;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 80;

/** How long a moderator can take a decision back; its emails wait until the window has closed. */
export const UNDO_WINDOW_MS = 10_000;

/** The rejection reasons a new site offers; admins keep their own list in the settings. */
export const REJECTION_REASONS = [
  "Off-topic",
  "Personal attack or incivility",
  "Personal medical advice",
  "Health misinformation",
  "Promotional or spam",
  "Contains personal data",
] as const;

/**
 * The comment form's honeypot: a name a form-filling script is glad to fill, that browsers'
 * autofill and password managers have no saved value for (they are also told to leave it alone).
 */
export const HONEYPOT_FIELD = "homepage";

/** How many comments' contexts the moderator's queue asks for in one request. */
export const CONTEXTS_PER_REQUEST = 10;
