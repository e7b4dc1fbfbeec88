/**
 * The page cache for anonymous readers (what WP Super Cache is to WordPress), built into
 * `npm start`: scripts/serve.ts answers a visitor without a session from here, and fills it from
 * Next's own responses. The app empties it whenever something readers see changes.
 *
 * One store per process, shared through globalThis: the server script and the app's bundled
 * modules are loaded separately but run in the same process.
 *
 * The documents kept run no script, so their Content Security Policy allows none and carries no
 * nonce (scripts/lib/scriptless-policy.ts): every visitor gets the same bytes and headers.
 */
export type CachedPage = {
  status: number;
  /** Everything the response says about its content, its length included. */
  headers: Record<string, string>;
  /** Encoded once: a hit only hands these bytes to the connection. */
  body: Buffer;
  storedAt: number;
};

import { listen, publish } from "./operations/bus";

type Store = { pages: Map<string, CachedPage>; generation: number; bytes: number; personal: Set<string> };

const STORE = Symbol.for("vetted.pageCache");
const holder = globalThis as unknown as Record<symbol, Store | undefined>;

function store(): Store {
  if (!holder[STORE]) {
    holder[STORE] = { pages: new Map(), generation: 0, bytes: 0, personal: new Set() };
    // Changes made here and, through Redis, on other instances drop the pages they touch.
    listen((message) => {
      if (message.kind === "pages") dropPages(message.tags);
    });
  }
  return holder[STORE];
}

/**
 * A page is kept at most this long: other instances hear of a change through Redis at once, and
 * without Redis (or when a message is missed) catch up within this.
 */
export const PAGE_TTL_MS = 30_000;
/** At most this many documents and bytes are kept; the oldest goes first. */
export const MAX_PAGES = 500;
export const MAX_BYTES = 64 * 1024 * 1024;
/** A document larger than this is sent as rendered and not kept. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** The header scripts/serve.ts gives each request it may cache, naming it for markPersonal. */
export const PAGE_REQUEST_HEADER = "x-vetted-page-request";

const sizeOf = (page: CachedPage) => page.body.byteLength;

/** The pages that list every post (the home page and the site's feed) carry this tag. */
export const INDEX_TAG = "index";
export const postPageTag = (slug: string) => `post:${slug}`;

/**
 * What a cached address shows, so a change drops only the pages it touches: a post's pages and
 * its comments feed carry the post's tag, the home page and the site feed the index tag.
 * Keys are "<scheme> <path>[?query]".
 */
export function pageTags(key: string): string[] {
  const path = key.slice(key.indexOf(" ") + 1).split("?")[0]!;
  const post = /^\/posts\/([^/]+)/.exec(path);
  return post ? [postPageTag(post[1]!)] : [INDEX_TAG];
}

/**
 * Called by everything that changes what an anonymous reader sees: with tags, the pages that
 * show them are dropped; without, every page (settings and terms reach every page). Here at
 * once, on the other instances as soon as Redis tells them.
 */
export function pageCacheChanged(tags?: string[]): void {
  store();
  publish(tags ? { kind: "pages", tags } : { kind: "pages" });
}

function dropPages(tags?: string[]): void {
  const current = store();
  current.generation += 1;
  if (!tags) {
    current.pages.clear();
    current.bytes = 0;
    return;
  }
  for (const key of [...current.pages.keys()]) {
    if (pageTags(key).some((tag) => tags.includes(tag))) remove(current, key);
  }
}

/**
 * Called when a request turned out to be rendered for a signed-in person: whatever the server
 * guessed from the cookies, that document is never kept (a second lock on the same door).
 */
export function markPersonal(requestId: string): void {
  store().personal.add(requestId);
}

/** Whether the request was rendered for someone; forgets it (each request asks once). */
export function wasPersonal(requestId: string): boolean {
  return store().personal.delete(requestId);
}

/** Lets a response that started before a change know not to store what it rendered. */
export function pageCacheGeneration(): number {
  return store().generation;
}

function remove(current: Store, key: string) {
  const page = current.pages.get(key);
  if (!page) return;
  current.pages.delete(key);
  current.bytes -= sizeOf(page);
}

export function cachedPage(key: string, now = Date.now()): CachedPage | null {
  const current = store();
  const page = current.pages.get(key);
  if (!page) return null;
  if (now - page.storedAt > PAGE_TTL_MS) {
    remove(current, key);
    return null;
  }
  return page;
}

export function storePage(key: string, page: CachedPage, generation: number, now = Date.now()): void {
  const current = store();
  const size = sizeOf(page);
  if (generation !== current.generation || size > MAX_PAGE_BYTES) return;
  remove(current, key);
  current.pages.set(key, page);
  current.bytes += size;
  // Oldest first (insertion order): the expired, then whatever exceeds the budget.
  for (const [oldest, entry] of current.pages) {
    const expired = now - entry.storedAt > PAGE_TTL_MS;
    if (!expired && current.pages.size <= MAX_PAGES && current.bytes <= MAX_BYTES) break;
    remove(current, oldest);
  }
}

