/**
 * A visitor's document without Next.js's runtime: what SvelteKit's `csr = false` or the Pages
 * Router's `unstable_runtimeJS: false` give a page that needs no JavaScript.
 *
 * The pages visitors read from the page cache (a post, the home page) use no client component:
 * their controls (the comment form, replies, reports, moderation) are drawn only for signed-in
 * readers. For a visitor the runtime (React, Next's router: about 140 KB gzipped) would hydrate
 * nothing and serve only client-side navigation, which the page cache answers as fast as a full
 * page. Signed-in readers are rendered by Next as usual and keep every script.
 */
import { Parser } from "htmlparser2";

// A script element of these types is data (structured metadata), not code: it stays.
const DATA_SCRIPT = /^application\/(?:[a-z0-9.+-]*\+)?json$/i;

function isRuntimeHint(name: string, attributes: Record<string, string>): boolean {
  if (name !== "link") return false;
  const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
  return rel.includes("modulepreload") || (rel.includes("preload") && (attributes.as ?? "").toLowerCase() === "script");
}

/**
 * The document with every script element that would run, and every hint to fetch a script,
 * cut out; everything else is left byte for byte. React escapes `<` in the data it writes into
 * inline scripts, and readers' words reach the document as escaped text, so the parser sees the
 * same elements a browser would.
 */
export function withoutScripts(html: string): string {
  const cuts: Array<[start: number, end: number]> = [];
  let scriptStart: number | null = null;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === "script") {
        scriptStart = DATA_SCRIPT.test((attributes.type ?? "").trim()) ? null : parser.startIndex;
      } else if (isRuntimeHint(name, attributes)) {
        cuts.push([parser.startIndex, parser.endIndex + 1]);
      }
    },
    onclosetag(name, isImplied) {
      if (name !== "script" || scriptStart === null) return;
      // A script left open runs to the end of the document, as it would in a browser.
      cuts.push([scriptStart, isImplied ? html.length : parser.endIndex + 1]);
      scriptStart = null;
    },
  });
  parser.end(html);
  if (cuts.length === 0) return html;
  let kept = "";
  let from = 0;
  for (const [start, end] of cuts) {
    kept += html.slice(from, start);
    from = end;
  }
  return kept + html.slice(from);
}
