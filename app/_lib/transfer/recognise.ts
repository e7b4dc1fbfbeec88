import { createHash } from "node:crypto";
import { plainExcerpt } from "@/app/_lib/content/excerpt";
import { removeInvisibleCharacters } from "@/app/_lib/content/invisible";
import { renderCommentMarkdown } from "@/app/_lib/content/markdown";

/**
 * How an import recognises a comment the site already holds (seeded from the page's text, typed
 * in by its author, or imported before from another format): the same post, author name, minute
 * and text once normalised. Text is compared as readers see it, so Markdown escapes, HTML
 * entities, curly against straight quotes, line breaks and case do not make two copies differ.
 */
const TYPOGRAPHY: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
];

function folded(text: string): string {
  let result = removeInvisibleCharacters(text.normalize("NFKC"));
  for (const [pattern, plain] of TYPOGRAPHY) result = result.replace(pattern, plain);
  return result.replace(/\s+/g, " ").trim().toLowerCase();
}

export const comparableName = (name: string): string => folded(name);

export const comparableText = (markdown: string): string => folded(plainExcerpt(renderCommentMarkdown(markdown), Number.POSITIVE_INFINITY));

export const minuteOf = (date: Date): number => Math.floor(date.getTime() / 60_000);

/**
 * The seed knows its responses' order and text but not when they were written (the saved page
 * shows no times), so it gives them made-up minutes; an export that knows the real ones wins.
 */
export const SEEDED_SUBMISSION_PREFIX = "seed:";
export const hasMadeUpTime = (comment: { submissionKey: string | null }): boolean => comment.submissionKey?.startsWith(SEEDED_SUBMISSION_PREFIX) ?? false;

/** Posts without the same address are the same post when title and publication day agree. */
export const comparableTitle = (title: string): string => folded(title);
export const SAME_POST_WITHIN_MS = 24 * 60 * 60 * 1000;

/**
 * One comment wherever it came from: its post here, author name, minute and text, hashed. Kept
 * with every imported comment (and, by a trigger, when one is deleted), so a comment claimed by an
 * account (its name changed) or deleted here is still recognised in an export whose keys are all
 * new, such as the same blog exported again under another address.
 */
export function importFingerprint(postId: string, authorName: string, createdAt: Date, text: string): string {
  return createHash("sha256").update([postId, comparableName(authorName), String(minuteOf(createdAt)), text].join("\n")).digest("base64url");
}
