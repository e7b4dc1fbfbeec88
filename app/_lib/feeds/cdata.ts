/**
 * The `feed` package writes item titles, descriptions and content as CDATA sections, and the XML
 * writer beneath it splits only the first "]]>" in each: a second one ends the section and whatever
 * follows is read as elements. These helpers make every string handed to it safe on its own.
 */

// Characters XML 1.0 does not allow at all (C0 controls other than tab and newlines, lone
// surrogates, U+FFFE and U+FFFF): one of them makes the whole feed unreadable.
const NOT_XML_CHARACTER = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlCharactersOnly(text: string): string {
  return text.replace(NOT_XML_CHARACTER, "");
}

/**
 * Plain text (a name, a title, an excerpt) for a CDATA field that feed readers treat as HTML:
 * escaped, so it shows as the same text and can neither end the section nor add markup.
 */
export function textForCdata(text: string): string {
  return xmlCharactersOnly(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Sanitised HTML for a CDATA field: "]]&gt;" reads the same in HTML and cannot end the section. */
export function htmlForCdata(html: string): string {
  return xmlCharactersOnly(html).replace(/]]>/g, "]]&gt;");
}
