/**
 * The words the spam filter weighs. Bounded however long or strange the text: only its start is
 * read, and at most MAX_TOKENS words of at most 30 characters, so scoring takes the same time for
 * a pathological comment as for an ordinary one.
 */
const MAX_CHARACTERS = 20_000;
const MAX_TOKENS = 1_500;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]{0,29}/gu;
const LINK_HOST = /\bhttps?:\/\/(?:www\.)?([a-z0-9.-]{1,100})/gi;

export function spamTokens(text: string): string[] {
  const start = text.slice(0, MAX_CHARACTERS).normalize("NFKC").toLowerCase();
  const tokens: string[] = [];
  // Where links go says more than any word: each host is a token of its own.
  for (const match of start.matchAll(LINK_HOST)) {
    if (tokens.length >= MAX_TOKENS / 10) break;
    tokens.push(`link:${match[1]!.replace(/\.$/, "")}`);
  }
  for (const match of start.matchAll(WORD)) {
    if (tokens.length >= MAX_TOKENS) break;
    const word = match[0].replace(/['’]+$/, "");
    if (word.length >= 2 || /\p{N}/u.test(word)) tokens.push(word);
  }
  return tokens;
}

/**
 * What the model stores for a text: each distinct token hashed into one of a fixed number of
 * buckets (the "hashing trick"), at most MAX_FEATURES of them per text. However many new words
 * spammers invent, the model never holds more than BUCKETS counts per label (a few hundred
 * kilobytes), so storing, loading and learning it stay cheap; and it holds no comment's words,
 * only their buckets.
 */
const BUCKETS = 2 ** 16;
const MAX_FEATURES = 200;

function bucketOf(token: string): number {
  // FNV-1a, 32 bits: fast and spreads short strings evenly.
  let hash = 0x811c9dc5;
  for (let index = 0; index < token.length; index++) {
    hash ^= token.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

export function spamFeatures(text: string): string[] {
  const features = new Set<string>();
  for (const token of spamTokens(text)) {
    if (features.size >= MAX_FEATURES) break;
    features.add(bucketOf(token).toString(36));
  }
  return [...features];
}
