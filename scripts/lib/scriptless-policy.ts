/**
 * The policy for a document that runs no script: a visitor's page once its scripts are cut
 * (without-scripts.ts), or a feed.
 *
 * Such a document needs no nonce. Its Content Security Policy says `script-src 'none'` in place
 * of the render's nonce: stricter than a fresh nonce per response, because no script may run at
 * all, ours included. This is the "hashes of the document's own inline scripts" way of caching a
 * strict policy, for a document that has none. So the page cache sends every visitor the same
 * bytes, with nothing to write into them per response.
 */

const NONCE_IN_POLICY = /'nonce-([^']+)'/;
const SCRIPT_SOURCES = /(^|;\s*)script-src\s[^;]*/;

export type ScriptlessDocument = { body: string; headers: Record<string, string> };

/**
 * The document and its headers with the render's nonce taken out: the policy allows no script,
 * and the nonce attributes React wrote (on stylesheets, and on the Link header's preloads) go.
 * A nonce left anywhere else gives null, and the document is not kept.
 */
export function scriptlessPolicy(body: string, headers: Record<string, string>): ScriptlessDocument | null {
  const policy = headers["content-security-policy"];
  const nonce = policy === undefined ? undefined : NONCE_IN_POLICY.exec(policy)?.[1];
  if (policy === undefined || nonce === undefined) return { body, headers };
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    kept[name] = name === "content-security-policy" ? value.replace(SCRIPT_SOURCES, "$1script-src 'none'") : value.replaceAll(`; nonce="${nonce}"`, "");
  }
  const keptBody = body.replaceAll(` nonce="${nonce}"`, "");
  if (keptBody.includes(nonce) || Object.values(kept).some((value) => value.includes(nonce))) return null;
  return { body: keptBody, headers: kept };
}
