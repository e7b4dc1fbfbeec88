import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import markedPackage from "marked/package.json";
import sanitizePackage from "sanitize-html/package.json";

/**
 * Markdown to HTML on the server, always through an allowlist sanitiser: the Markdown parser
 * decides structure, sanitize-html decides what may reach a browser.
 */

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const SAFE_SCHEMES = ["http", "https", "mailto"];

const inlineTags = ["a", "em", "strong", "code", "br", "del"];

/** Posts are written by editors: headings and figures are allowed, scripts and styles never. */
const postPolicy: sanitizeHtml.IOptions = {
  allowedTags: [...inlineTags, "p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre", "hr", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td"],
  allowedAttributes: { a: ["href", "title"], th: ["scope"] },
  allowedSchemes: SAFE_SCHEMES,
  allowProtocolRelative: false,
};

/** Comments are written by anyone: a small subset, and every link marked as user content. */
const commentPolicy: sanitizeHtml.IOptions = {
  allowedTags: [...inlineTags, "p", "ul", "ol", "li", "blockquote"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: SAFE_SCHEMES,
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener", target: "_blank" }),
  },
};
// sanitize-html drops attributes the transform adds unless they are allowed too.
commentPolicy.allowedAttributes = { a: ["href", "rel", "target"] };

const postMarked = new Marked({ gfm: true, breaks: false });

const commentMarked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    // Raw HTML in a comment is shown as the text the reader typed.
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    // Headings, images and tables are outside the comment subset: keep their text only.
    heading: ({ text }: Tokens.Heading) => `<p>${escapeHtml(text)}</p>\n`,
    image: ({ text }: Tokens.Image) => escapeHtml(text),
  },
});

/** The text as typed, escaped, in paragraphs: what a reader sees when the parser gives up. */
export function plainTextHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br />")}</p>\n`)
    .join("");
}

/**
 * The schemas bound what reaches the parser, but text stored before a bound existed (or imported)
 * may still defeat it (a stack overflow on deep nesting): one such text must never break a page.
 */
function failSafe(markdown: string, render: (markdown: string) => string): string {
  try {
    return render(markdown);
  } catch (error) {
    console.error(`Markdown could not be rendered (${(error as Error).message.split("\n")[0]}); showing ${markdown.length} characters as plain text`);
    return plainTextHtml(markdown);
  }
}

export function renderPostMarkdown(markdown: string): string {
  return failSafe(markdown, (text) => sanitizeHtml(postMarked.parse(text, { async: false }), postPolicy));
}

export function renderCommentMarkdown(markdown: string): string {
  return failSafe(markdown, (text) => sanitizeHtml(commentMarked.parse(text, { async: false }), commentPolicy));
}

/**
 * Raise whenever this file's output changes (the parser's options, the sanitiser's policies).
 * An upgrade of marked or sanitize-html needs nothing: their versions are part of the renderer's.
 */
const RULES_REVISION = 1;

/**
 * The renderer's version, stored with every rendering: a number made from the rules' revision and
 * the installed marked and sanitize-html. Renderings of another version are never served, and the
 * background job renders them again, so a sanitiser fix reaches every stored comment.
 */
export const RENDERER_VERSION = versionNumber(`${RULES_REVISION} marked@${markedPackage.version} sanitize-html@${sanitizePackage.version}`);

/** A positive 31-bit FNV-1a hash: the column is a plain integer on both databases. */
function versionNumber(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 1) || 1;
}

type Stored = { body: string; bodyHtml: string | null; bodyHtmlVersion: number | null };

/** The columns to write with a comment's text. */
export const commentRendering = (body: string) => ({ bodyHtml: renderCommentMarkdown(body), bodyHtmlVersion: RENDERER_VERSION });

/** The columns to write with a post's text. */
export const postRendering = (body: string) => ({ bodyHtml: renderPostMarkdown(body), bodyHtmlVersion: RENDERER_VERSION });

const current = (row: Stored): row is Stored & { bodyHtml: string } => row.bodyHtml !== null && row.bodyHtmlVersion === RENDERER_VERSION;

/** A comment's HTML: the rendering stored with it, or rendered now when it has none of this version. */
export const commentHtml = (row: Stored): string => (current(row) ? row.bodyHtml : renderCommentMarkdown(row.body));

/** A post's HTML, likewise. */
export const postHtml = (row: Stored): string => (current(row) ? row.bodyHtml : renderPostMarkdown(row.body));

/** What a query selects to call commentHtml or postHtml. */
export const renderedSelect = { body: true, bodyHtml: true, bodyHtmlVersion: true } as const;
