import localFont from "next/font/local";

/**
 * The site's typefaces travel with the app (SIL Open Font License, see OFL.txt), so every reader
 * and every test machine sees the same letters whatever fonts the system has.
 *
 * Each family comes in two subsets. The Latin one covers English and Western European text and is
 * preloaded; the Latin Extended one carries a unicode-range, so a browser fetches it only for a
 * page that uses those letters. The extended subset is listed first in the font stack and has no
 * fallback face of its own: its range excludes basic Latin, so ordinary text goes on to the Latin
 * subset, whose size-adjusted fallback keeps the layout still while it loads. (Font loader options
 * must be literals, so the range is written out twice.)
 */

export const sourceSerif = localFont({
  src: [
    { path: "./source-serif-4-latin-wght-normal.woff2", weight: "200 900", style: "normal" },
    { path: "./source-serif-4-latin-wght-italic.woff2", weight: "200 900", style: "italic" },
  ],
  variable: "--font-serif",
  adjustFontFallback: "Times New Roman",
});

export const sourceSerifExtended = localFont({
  src: [
    { path: "./source-serif-4-latin-ext-wght-normal.woff2", weight: "200 900", style: "normal" },
    { path: "./source-serif-4-latin-ext-wght-italic.woff2", weight: "200 900", style: "italic" },
  ],
  variable: "--font-serif-extended",
  preload: false,
  adjustFontFallback: false,
  declarations: [{ prop: "unicode-range", value: "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C4, U+2113, U+2C60-2C7F, U+A720-A7FF" }],
});

export const sourceSans = localFont({
  src: [
    { path: "./source-sans-3-latin-wght-normal.woff2", weight: "200 900", style: "normal" },
    { path: "./source-sans-3-latin-wght-italic.woff2", weight: "200 900", style: "italic" },
  ],
  variable: "--font-sans",
  adjustFontFallback: "Arial",
});

export const sourceSansExtended = localFont({
  src: [
    { path: "./source-sans-3-latin-ext-wght-normal.woff2", weight: "200 900", style: "normal" },
    { path: "./source-sans-3-latin-ext-wght-italic.woff2", weight: "200 900", style: "italic" },
  ],
  variable: "--font-sans-extended",
  preload: false,
  adjustFontFallback: false,
  declarations: [{ prop: "unicode-range", value: "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C4, U+2113, U+2C60-2C7F, U+A720-A7FF" }],
});

/** The class names that define the four font variables, for the root element. */
export const fontVariables = [sourceSerif, sourceSerifExtended, sourceSans, sourceSansExtended].map((font) => font.variable).join(" ");
