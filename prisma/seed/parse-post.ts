/**
 * Reads a post saved as plain text (title; "Posted by <author> • <date>"; the body; the
 * "<n> Responses to …" section with numbered "<author> says:" entries; the page's closing
 * notices) into a post with a Markdown body and its published responses. The text is kept word
 * for word: only Markdown structure is added around it.
 */
import { slugify } from "../../app/_lib/content/slug";

export { slugify };

export type ParsedResponse = { authorName: string; body: string };
export type ParsedPost = {
  slug: string;
  title: string;
  authorName: string;
  publishedAt: Date;
  body: string;
  responses: ParsedResponse[];
};

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** "March 15th, 2013" → 2013-03-15 at noon UTC, so the calendar date is the same everywhere. */
export function parseLongDate(text: string): Date {
  const match = /^([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})$/.exec(text.trim());
  const month = match ? MONTHS.indexOf(match[1]!.toLowerCase()) : -1;
  if (!match || month < 0) throw new Error(`Unrecognised date "${text}"`);
  return new Date(Date.UTC(Number(match[3]), month, Number(match[2]), 12));
}

/** Escapes the characters Markdown would otherwise read as structure or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (character) => `\\${character}`);
}

// Bullets lost in copy-paste survive as a no-break space; both mark a question heading.
const QUESTION_BULLET = /^[\u2022\u00a0]\s*/;
const CAPTION = /^(Table|Figure)\s+\d+\./;
const RESPONSES_HEADING = /^(\d+|No|One)\s+Responses?\s+to\s+/;
const PAGE_CHROME = /^Leave a Reply$/;

function isSectionHeading(line: string): boolean {
  return line.length <= 60 && !/[.?!:,;]$/.test(line) && !line.startsWith("Q:") && !line.startsWith("A:");
}

function blockToMarkdown(line: string): string {
  if (QUESTION_BULLET.test(line)) return `### ${escapeMarkdown(line.replace(QUESTION_BULLET, ""))}`;
  if (CAPTION.test(line)) return `<figure>\n<figcaption>${escapeHtml(line)}</figcaption>\n</figure>`;
  const qa = /^(Q|A):\s*/.exec(line);
  if (qa) return `**${qa[1]}:** ${escapeMarkdown(line.slice(qa[0].length))}`;
  if (isSectionHeading(line)) return `## ${escapeMarkdown(line)}`;
  return escapeMarkdown(line);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function parsePostText(text: string): ParsedPost {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const nonEmpty = lines.map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
  const title = nonEmpty[0]?.trim();
  const byline = /^Posted by (.+?)\s+[•·-]\s+(.+)$/.exec(nonEmpty[1]?.trim() ?? "");
  if (!title || !byline) throw new Error("A post starts with its title and a 'Posted by <author> • <date>' line");

  const bodyLines: string[] = [];
  let index = 2;
  for (; index < nonEmpty.length; index++) {
    const line = nonEmpty[index]!;
    if (RESPONSES_HEADING.test(line.trim()) || PAGE_CHROME.test(line.trim())) break;
    bodyLines.push(line.trim() === "" ? line : line.replace(/^ +/, ""));
  }

  const responses: ParsedResponse[] = [];
  if (index < nonEmpty.length && RESPONSES_HEADING.test(nonEmpty[index]!.trim())) {
    for (index++; index < nonEmpty.length; index++) {
      const line = nonEmpty[index]!;
      if (PAGE_CHROME.test(line.trim())) break;
      const head = /^\s*\d+\.\s+(.+?)\s+says:\s*$/.exec(line);
      if (head) responses.push({ authorName: head[1]!, body: "" });
      else if (responses.length) {
        const current = responses[responses.length - 1]!;
        current.body = current.body ? `${current.body}\n${line.trim()}` : line.trim();
      }
    }
  }

  return {
    slug: slugify(title),
    title,
    authorName: byline[1]!,
    publishedAt: parseLongDate(byline[2]!),
    body: bodyLines.map(blockToMarkdown).join("\n\n") + "\n",
    responses,
  };
}
