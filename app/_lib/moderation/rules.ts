/**
 * Automatic moderation: decides where a new comment goes before a moderator sees it.
 * Pure, so every rule and combination is unit-tested without a database.
 */
import { containsLookAlike, lookAlikeForms } from "@/app/_lib/content/look-alike";

export type RuleSettings = {
  /** Words or phrases that send a comment straight to Spam. */
  blocklist: string[];
  /** Words or phrases that always hold a comment for a moderator. */
  holdWords: string[];
  /** More links than this holds the comment. */
  maxLinks: number;
  /** A reader's first comment is always held. */
  holdFirstComment: boolean;
  /** When on, every comment is held; when off, authors with an approved comment and no flags are approved. */
  requirePreviousApproval: boolean;
};

export type AuthorFacts = { approvedCount: number; alwaysPremoderate: boolean; trusted: boolean };

export type RuleOutcome = { status: "PENDING" | "APPROVED" | "SPAM"; reason: string | null };

const MARKDOWN_LINK = /\[[^\]]*\]\([^)]*\)/g;
const BARE_LINK = /\bhttps?:\/\/|\bwww\./gi;

/** Markdown links and bare addresses, each counted once. */
export function countLinks(text: string): number {
  const markdown = text.match(MARKDOWN_LINK)?.length ?? 0;
  return markdown + (text.replace(MARKDOWN_LINK, " ").match(BARE_LINK)?.length ?? 0);
}

/**
 * The phrase from the list that the text contains, matched on whole words, ignoring case,
 * invisible characters (zero-width spaces, soft hyphens) and look-alike letters from other scripts,
 * all of which are used to slip a word past a filter.
 */
export function findPhrase(text: string, phrases: string[]): string | null {
  const textForms = lookAlikeForms(text);
  for (const phrase of phrases) {
    if (containsLookAlike(textForms, phrase)) return phrase.trim();
  }
  return null;
}

export function applyRules(body: string, author: AuthorFacts, settings: RuleSettings): RuleOutcome {
  const blocked = findPhrase(body, settings.blocklist);
  if (blocked) return { status: "SPAM", reason: `spam: contains the blocked phrase “${blocked}”` };

  const held = findPhrase(body, settings.holdWords);
  if (held) return { status: "PENDING", reason: `held: contains “${held}”` };

  const links = countLinks(body);
  if (links > settings.maxLinks) return { status: "PENDING", reason: `held: contains ${links} links` };

  if (author.alwaysPremoderate) return { status: "PENDING", reason: "held: author is always pre-moderated" };
  if (author.trusted) return { status: "APPROVED", reason: null };
  if (settings.holdFirstComment && author.approvedCount === 0) return { status: "PENDING", reason: "held: first comment" };
  if (!settings.requirePreviousApproval && author.approvedCount > 0) return { status: "APPROVED", reason: null };
  return { status: "PENDING", reason: null };
}
