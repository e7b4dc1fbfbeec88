/**
 * Limits and choices that forms show before anything is sent. Kept apart from the zod schemas
 * that enforce them, so client components can import them without bundling zod.
 */
export const COMMENT_MAX = 5000;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 80;

export const REJECTION_REASONS = [
  "Off-topic",
  "Personal attack or incivility",
  "Personal medical advice",
  "Health misinformation",
  "Promotional or spam",
  "Contains personal data",
] as const;
