/**
 * How deeply a Markdown text nests quotes and lists. The parser descends once per level, so a
 * comment of a few thousand `> ` overflows its stack: the schema refuses such nesting before it
 * is stored, and the renderer falls back to plain text for anything that still breaks it.
 */
export const MAX_NESTING = 10;

const LINE_PREFIX = /^[ \t>*+\-\d.)]*/;
const LIST_MARKER = /(?:^|[ \t>])(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)/g;

/** Emphasis, strike-through and link openers: inline nesting recurses in the parser too. */
export const MAX_FORMATTING_MARKERS = 500;

// "*", "~" and "[" anywhere, "_" only where it can open or close emphasis (not inside a_word).
const FORMATTING_MARKER = /[*~[]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

export function formattingMarkers(text: string): number {
  return text.match(FORMATTING_MARKER)?.length ?? 0;
}

/** The deepest level any line asks for: quote markers, list markers and indentation (2 columns a level). */
export function nestingDepth(text: string): number {
  let deepest = 0;
  for (const line of text.split("\n")) {
    const prefix = LINE_PREFIX.exec(line)![0];
    const quotes = prefix.split(">").length - 1;
    // Markers are read on the whole line, so "**bold" is not a list item, but only in its prefix.
    const lists = [...line.matchAll(LIST_MARKER)].filter((match) => match.index < prefix.length).length;
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length;
    deepest = Math.max(deepest, quotes + lists + Math.floor(indent / 2));
  }
  return deepest;
}
