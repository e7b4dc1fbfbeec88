const LATIN_LETTER = /(?=\p{L})\p{Script=Latin}/u;
/**
 * Scripts full of letters that pass for Latin ones (Cyrillic "а" and "о", Greek "ο" and "Ν",
 * Cherokee "Ꭺ", Armenian "օ", Coptic "ⲟ", Lisu "ꓮ", Canadian syllabics "ᑭ"): Unicode TR39's "moderately restrictive" identifiers may mix Latin with most
 * scripts, but not with these.
 */
const LATIN_LOOK_ALIKE_LETTER = /(?=\p{L})[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Cherokee}\p{Script=Armenian}\p{Script=Coptic}\p{Script=Lisu}\p{Script=Canadian_Aboriginal}]/u;

/**
 * Whether the text mixes Latin letters with letters of a script that imitates them, the signature
 * of a name made to look like someone else's ("Аdmin" with a Cyrillic "А"). Compatibility forms
 * are unified first, so fullwidth and mathematical letters count as the letters they show. A name
 * written wholly in Cyrillic or Greek is left alone.
 */
export function mixesLatinWithLookAlikes(text: string): boolean {
  const unified = text.normalize("NFKC");
  return LATIN_LETTER.test(unified) && LATIN_LOOK_ALIKE_LETTER.test(unified);
}
