import sanitizeHtml from "sanitize-html";

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * Comment HTML from WordPress or Disqus as the Markdown subset Vetted comments use: paragraphs,
 * line breaks, emphasis, links and quotes survive; every other tag is reduced to its text.
 */
export function commentHtmlToMarkdown(html: string): string {
  const marked = sanitizeHtml(html, {
    allowedTags: ["a", "em", "i", "strong", "b", "br", "p", "blockquote", "code"],
    allowedAttributes: { a: ["href"] },
    allowedSchemes: ["http", "https", "mailto"],
  });
  const markdown = marked
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_all, href: string, text: string) => `[${text}](${href})`)
    .replace(/<a>([\s\S]*?)<\/a>/g, "$1")
    .replace(/<\/?(em|i)>/g, "*")
    .replace(/<\/?(strong|b)>/g, "**")
    .replace(/<\/?code>/g, "`")
    .replace(/<br \/>|<br>/g, "\n")
    .replace(/<blockquote>([\s\S]*?)<\/blockquote>/g, (_all, quoted: string) => `\n\n${quoted.trim().split("\n").map((line) => `> ${line}`).join("\n")}\n\n`)
    .replace(/<\/?p>/g, "\n\n");
  return decodeEntities(markdown)
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
