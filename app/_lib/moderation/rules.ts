/**
 * Automatic moderation: decides where a new comment goes before a moderator sees it.
 * Pure, so every rule and combination is unit-tested without a database.
 */
import { containsLookAlike, lookAlikeForms } from "@/app/_lib/content/look-alike";
import { renderCommentMarkdown } from "@/app/_lib/content/markdown";
import sanitizeHtml from "sanitize-html";

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

export type AuthorFacts = {
  hasApprovedComment: boolean;
  alwaysPremoderate: boolean;
  trusted: boolean;
  /** The author has not proved their address: anyone can register with anyone's. */
  unverifiedEmail?: boolean;
};

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
export function findPhrase(text: string | string[], phrases: string[]): string | null {
  const textForms = (Array.isArray(text) ? text : [text]).map((form) => lookAlikeForms(form));
  for (const phrase of phrases) {
    if (textForms.some((forms) => containsLookAlike(forms, phrase))) return phrase.trim();
  }
  return null;
}

const ESCAPED = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' } as const;

/**
 * The words a reader will see: the comment rendered, tags dropped, character references decoded.
 * "&#99;asino" or "cas&#8203;ino" in the source is "casino" on the page, so both are checked.
 */
export function visibleText(body: string, html = renderCommentMarkdown(body)): string {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&(amp|lt|gt|quot);/g, (entity) => ESCAPED[entity as keyof typeof ESCAPED]);
}

/** `html`: the comment as rendered, when the caller has it already. */
export function applyRules(body: string, author: AuthorFacts, settings: RuleSettings, html?: string): RuleOutcome {
  const seen = [body, visibleText(body, html)];
  const blocked = findPhrase(seen, settings.blocklist);
  if (blocked) return { status: "SPAM", reason: `spam: contains the blocked phrase “${blocked}”` };

  const held = findPhrase(seen, settings.holdWords);
  if (held) return { status: "PENDING", reason: `held: contains “${held}”` };

  const links = countLinks(body);
  if (links > settings.maxLinks) return { status: "PENDING", reason: `held: contains ${links} links` };

  if (author.alwaysPremoderate) return { status: "PENDING", reason: "held: author is always pre-moderated" };
  // A moderator who trusts the person has vouched for more than an address could.
  if (author.trusted) return { status: "APPROVED", reason: null };
  // A reader whose comments a moderator has published is known by more than an address (and
  // accounts from before verification existed keep their standing).
  if (author.unverifiedEmail && !author.hasApprovedComment) return { status: "PENDING", reason: "held: email not verified" };
  if (settings.holdFirstComment && !author.hasApprovedComment) return { status: "PENDING", reason: "held: first comment" };
  if (!settings.requirePreviousApproval && author.hasApprovedComment) return { status: "APPROVED", reason: null };
  return { status: "PENDING", reason: null };
}
