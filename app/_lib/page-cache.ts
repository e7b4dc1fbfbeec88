/**
 * The page cache for anonymous readers (what WP Super Cache is to WordPress), built into
 * `npm start`: scripts/serve.ts answers a visitor without a session from here, and fills it from
 * Next's own responses. The app empties it whenever something readers see changes.
 *
 * One store per process, shared through globalThis: the server script and the app's bundled
 * modules are loaded separately but run in the same process.
 *
 * Documents keep a placeholder where their Content Security Policy nonce was; every response gets
 * a fresh nonce in the header and the document, so the policy stays as strict as a fresh render.
 */
export type CachedPage = {
  status: number;
  headers: Record<string, string>;
  /** The body split at each place the nonce goes. */
  parts: string[];
  storedAt: number;
};

type Store = { pages: Map<string, CachedPage>; generation: number };

const STORE = Symbol.for("vetted.pageCache");
const holder = globalThis as unknown as Record<symbol, Store | undefined>;

function store(): Store {
  holder[STORE] ??= { pages: new Map(), generation: 0 };
  return holder[STORE];
}

/** Other instances are not told of a change (until a shared cache exists): they catch up within this. */
export const PAGE_TTL_MS = 30_000;
/** At most this many documents are kept; the oldest goes first. */
export const MAX_PAGES = 500;

/** Called by everything that changes what an anonymous reader sees. */
export function pageCacheChanged(): void {
  const current = store();
  current.pages.clear();
  current.generation += 1;
}

/** Lets a response that started before a change know not to store what it rendered. */
export function pageCacheGeneration(): number {
  return store().generation;
}

export function cachedPage(key: string, now = Date.now()): CachedPage | null {
  const page = store().pages.get(key);
  if (!page) return null;
  if (now - page.storedAt > PAGE_TTL_MS) {
    store().pages.delete(key);
    return null;
  }
  return page;
}

export function storePage(key: string, page: CachedPage, generation: number): void {
  const current = store();
  if (generation !== current.generation) return;
  current.pages.delete(key);
  current.pages.set(key, page);
  while (current.pages.size > MAX_PAGES) current.pages.delete(current.pages.keys().next().value!);
}

export function pageCacheSize(): number {
  return store().pages.size;
}
