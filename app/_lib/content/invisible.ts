/**
 * Characters that draw nothing: format characters (general category Cf: zero-width spaces and
 * joiners, the soft hyphen, bidirectional controls, the byte-order mark) and the rest of Unicode's
 * default-ignorable code points (Hangul fillers, variation selectors, the combining grapheme joiner).
 * Slipped between letters they hide a word from a filter; in a name they hide how it differs
 * from another.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const EVERY_INVISIBLE = new RegExp(INVISIBLE.source, "gu");

export function hasInvisibleCharacters(text: string): boolean {
  return INVISIBLE.test(text);
}

export function removeInvisibleCharacters(text: string): string {
  return text.replace(EVERY_INVISIBLE, "");
}
