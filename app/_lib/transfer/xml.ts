import { XMLParser, XMLValidator } from "fast-xml-parser";

export class ImportFormatError extends Error {}

/**
 * Parses an export file, refusing anything that is not well-formed XML with a clear message.
 * `arrays` are element paths ("rss.channel.item") always read as lists, even with one entry.
 */
export function parseXml(xml: string, arrays: string[]): Record<string, unknown> {
  // Neither WordPress nor Disqus declares entities; a file that does could expand without bound.
  if (/<!ENTITY/i.test(xml)) throw new ImportFormatError("The file declares XML entities, which exports never do; it was not imported.");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ImportFormatError(`The file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (_name, path) => typeof path === "string" && arrays.includes(path),
  });
  return parser.parse(xml) as Record<string, unknown>;
}

/** An element's text, whether the parser gave a string, a number-like string or an object with text. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && "#text" in value) return text((value as { "#text": unknown })["#text"]);
  return "";
}
