import sanitizeHtml from "sanitize-html";
import { truncate } from "./truncate";

/** Rendered HTML as one line of plain text, cut at a word boundary: for descriptions and previews. */
export function plainExcerpt(html: string, max = 200): string {
  const text = sanitizeHtml(html.replace(/<\/(p|li|h\d|blockquote)>|<br\s*\/?>/g, " "), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= max) return text;
  const cut = truncate(text, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, "")}…`;
}
