// Unicode's confusables data is 100 kB: keep this module out of anything a browser loads.
import unhomoglyph from "unhomoglyph";
import { removeInvisibleCharacters } from "./invisible";

const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/gu;

/**
 * The Unicode TR39 skeleton: every character replaced by the prototype of the characters that
 * look like it (Cyrillic "а", Greek "α" and Latin "a" all become "a"), from Unicode's
 * confusables data, one character for one. Not for display.
 */
function skeleton(text: string): string {
  // Marks go first: "casi\u0307no" (an i with a combining dot) reads "casino".
  const letters = [...text.normalize("NFD").replace(COMBINING_MARKS, "")];
  // One character for one: the data also maps single letters to pairs ("m" to "rn", "w" to "vv"),
  // which would make "pom" read "porn" and "burn" read "bum". A disguise swaps a letter for a
  // look-alike letter; those mappings are kept.
  return letters
    .map((letter) => {
      const prototype = unhomoglyph(letter);
      return [...prototype].length === 1 ? prototype : letter;
    })
    .join("")
    .normalize("NFD");
}

const COMBINING_MARKS = /\p{M}/gu;

export type LookAlikeForms = readonly [asWritten: string, lower: string, upper: string];

/**
 * The forms in which a text is compared with a word list, as space-separated words with a space at
 * each end: invisible characters dropped, compatibility forms unified (NFKC), then reduced to its
 * skeleton, once as written and once folded to each case; a phrase matches when it is found in the
 * form made the same way. As written, capital "I" passes for "l", so "heII" is "hell". Folded to
 * lower case, "CASINO" is "casino", and folded again after the skeleton (which gives "0" as "O"),
 * "casin0" is too. Folded to upper case, Greek "Ν" is "N" (its lower case "ν" looks like "v").
 * Punctuation splits words before the skeleton is taken, so "|" (a look-alike of "l") still
 * separates two words.
 */
export function lookAlikeForms(text: string): LookAlikeForms {
  const visible = removeInvisibleCharacters(text).normalize("NFKC");
  const words = (form: string) => ` ${form.replace(NOT_WORD, " ").trim()} `;
  const skeletonOfWords = (cased: string) => skeleton(cased.replace(NOT_WORD, " "));
  return [words(skeletonOfWords(visible)), words(skeletonOfWords(visible.toLowerCase()).toLowerCase()), words(skeletonOfWords(visible.toUpperCase()))];
}

/** Whether the words of `phrase` appear, whole and in order, in the text, whatever look-alikes either uses. */
export function containsLookAlike(textForms: LookAlikeForms, phrase: string): boolean {
  return lookAlikeForms(phrase).some((needle, index) => needle.trim() !== "" && textForms[index]!.includes(needle));
}
