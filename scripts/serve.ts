/**
 * The production server: Next.js's request handler behind a plain node:http server.
 *
 * It does two things `next start` cannot. It appends the connection's own address to
 * X-Forwarded-For, as any proxy does. `next start` adds that address only when the header is
 * missing, so a client that writes the header would otherwise choose the address every
 * per-address limit sees. The app reads the chain with app/_lib/client-address.ts. And it keeps a
 * page cache for visitors without a session (app/_lib/page-cache.ts): post pages are rendered
 * once per change, without Next's runtime, and then sent from memory under a policy that allows no
 * script at all.
 * Run by `npm start` (scripts/start.ts). It listens on PORT on every interface, IPv4 and IPv6.
 * It logs one JSON line per request and records its duration for GET /metrics, and on SIGTERM it
 * drains: it stops taking connections, finishes the requests under way, then closes the app's
 * database and Redis connections (see scripts/lib/request-log.ts and scripts/lib/drain.ts).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import next from "next";
import { parseTrustedProxies } from "../app/_lib/client-address";
import { joinInstances } from "../app/_lib/operations/bus";
import { logger } from "../app/_lib/operations/logger";
import { isDraining } from "../app/_lib/operations/shutdown";
import { drainOnSignals } from "./lib/drain";
import { holdUntilEnd, storableHeaders } from "./lib/response-capture";
import { scriptlessPolicy } from "./lib/scriptless-policy";
import { withoutScripts } from "./lib/without-scripts";
import { serveStaticFile } from "./lib/static-cache";
import { fromTrustedPeer } from "./lib/trusted-peer";
import { markCacheHit, observeRequests } from "./lib/request-log";
import { requestedCommentsPage } from "../app/_lib/posts/page-number";
import { cachedPage, type CachedPage, PAGE_REQUEST_HEADER, pageCacheGeneration, storePage, wasPersonal } from "../app/_lib/page-cache";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = Number(process.env.PORT ?? 3000);

const trust = parseTrustedProxies(process.env.TRUSTED_PROXIES);

/**
 * Records the connection's address as the last X-Forwarded-For entry. The other X-Forwarded-*
 * headers decide the scheme the app believes it is served over (the policy's
 * upgrade-insecure-requests, HSTS): they count only from a trusted proxy, as one exact value.
 */
function recordPeer(request: IncomingMessage) {
  const peer = request.socket.remoteAddress ?? "unknown";
  const forwarded = request.headers["x-forwarded-for"];
  const chain = Array.isArray(forwarded) ? forwarded.join(", ") : forwarded;
  request.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
  const trusted = fromTrustedPeer(request, trust);
  const proto = String(request.headers["x-forwarded-proto"] ?? "").split(",").at(-1)!.trim().toLowerCase();
  if (trusted && (proto === "http" || proto === "https")) request.headers["x-forwarded-proto"] = proto;
  else delete request.headers["x-forwarded-proto"];
  if (!trusted) delete request.headers["x-forwarded-host"];
}

// NextAuth reads any cookie whose name starts with this (it splits large tokens into .0, .1, …).
const SESSION_COOKIE = /next-auth\.session-token/;
const POST_PAGE = /^\/posts\/[a-z0-9-]{1,200}$/;
// The home page and the feeds: what visitors and feed readers fetch most after the posts.
const LISTING = /^\/(?:feed\.xml|posts\/[a-z0-9-]{1,200}\/comments\/feed\.xml)?$/;
const CACHEABLE_TYPE = /^(?:text\/html|application\/rss\+xml)/;
const HTML_TYPE = /^text\/html/;
// Only the path and query of a target count; the origin it is read against never does.
const ANY_ORIGIN = "http://vetted.invalid";

/**
 * The key a visitor's request is cached under, or null when it must be rendered for them: only
 * GETs (not React's own requests) from visitors without a session, of post pages with no query
 * but a page of comments (one key per page; the first page has one address), and of the home
 * page and the feeds with no query at all.
 */
function cacheKey(request: IncomingMessage): string | null {
  if (request.method !== "GET" || SESSION_COOKIE.test(request.headers.cookie ?? "")) return null;
  if (request.headers.rsc || request.headers["next-action"] || request.headers["next-router-state-tree"]) return null;
  const scheme = request.headers["x-forwarded-proto"] === "https" ? "https" : "http";
  // The usual request, a plain path (these patterns admit no query, escape or dot segment), is its own key.
  const target = request.url ?? "/";
  if (POST_PAGE.test(target) || LISTING.test(target)) return `${scheme} ${target}`;
  // A target no URL can be made of is Next's to answer (it redirects or refuses it), never kept.
  if (!URL.canParse(target, ANY_ORIGIN)) return null;
  const url = new URL(target, ANY_ORIGIN);
  if (LISTING.test(url.pathname)) return url.search === "" && !request.url?.includes("?") ? `${scheme} ${url.pathname}` : null;
  if (!POST_PAGE.test(url.pathname) || ![...url.searchParams.keys()].every((key) => key === "comments")) return null;
  const pages = url.searchParams.getAll("comments");
  const number = requestedCommentsPage(pages.length > 1 ? pages : pages[0]);
  if (number === null) return null;
  const page = number === 1 ? "" : `?comments=${number}`;
  if (url.search !== page && !(page === "" && url.search === "?comments=1")) return null;
  // The policy adds upgrade-insecure-requests (and the headers HSTS) behind an HTTPS proxy.
  return `${scheme} ${url.pathname}${page}`;
}

/**
 * A kept page's headers as one flat list of names and values, made once per page: copying its
 * header object into a new one for every hit took an eighth of a hit's time (13,100 against
 * 15,000 requests a second), where copying a list takes next to none.
 */
const headerLists = new WeakMap<CachedPage, string[]>();

function headerList(page: CachedPage): string[] {
  let list = headerLists.get(page);
  if (!list) {
    list = Object.entries(page.headers).flat();
    headerLists.set(page, list);
  }
  return list;
}

function respondFromCache(response: ServerResponse, page: CachedPage, requestId: string) {
  // Every header in one call (none set before it): Node's fast path.
  response.writeHead(page.status, [...headerList(page), "x-vetted-cache", "hit", "x-request-id", requestId]);
  response.end(page.body);
}

/**
 * Lets Next render a visitor's page, held back until complete: the visitor gets the document
 * without Next's runtime (scripts/lib/without-scripts.ts), and the page cache keeps the same.
 * A document rendered for someone after all, or one that sets a cookie, goes out as Next wrote it.
 */
function captureForCache(key: string, request: IncomingMessage, response: ServerResponse) {
  const generation = pageCacheGeneration();
  const requestId = randomUUID();
  request.headers[PAGE_REQUEST_HEADER] = requestId;
  // A response cut short never reaches the store below; its mark is forgotten all the same.
  response.once("close", () => void wasPersonal(requestId));
  holdUntilEnd(response, (document, send) => {
    // Rendered for a signed-in person after all (getViewer says so): never kept. Nor is a
    // response whose headers have left: the copy kept must go out under the policy it is kept with.
    if (wasPersonal(requestId) || response.headersSent) return send(document);
    const type = String(response.getHeader("content-type") ?? "");
    const encoding = response.getHeader("content-encoding");
    if (response.statusCode !== 200 || response.getHeader("set-cookie") || encoding || !CACHEABLE_TYPE.test(type)) return send(document);
    const scriptless = scriptlessPolicy(HTML_TYPE.test(type) ? withoutScripts(document.toString("utf8")) : document.toString("utf8"), storableHeaders(response));
    if (!scriptless) return send(document);
    const body = Buffer.from(scriptless.body);
    const headers = { ...scriptless.headers, "content-length": String(body.byteLength) };
    storePage(key, { status: 200, headers, body, storedAt: Date.now() }, generation);
    // This visitor gets what the next ones will: the same document under the same policy.
    for (const [name, value] of Object.entries(scriptless.headers)) response.setHeader(name, value);
    send(body);
  });
}

/** While draining, every response closes its connection, so no client keeps one to this server. */
function closeConnectionsWhileDraining(response: ServerResponse): void {
  if (isDraining()) response.setHeader("connection", "close");
}

async function main() {
  const app = next({ dev: false, dir: root, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const observe = observeRequests(root, trust);
  // With REDIS_URL, changes made on other instances reach this one's page cache and live queues.
  joinInstances();
  const server = createServer((request, response) => {
    recordPeer(request);
    observe(request, response);
    closeConnectionsWhileDraining(response);
    delete request.headers[PAGE_REQUEST_HEADER];
    const requestId = request.headers["x-request-id"] as string;
    if (serveStaticFile(request, response, requestId)) return;
    const key = cacheKey(request);
    if (key) {
      const page = cachedPage(key);
      if (page) {
        markCacheHit(response);
        return respondFromCache(response, page, requestId);
      }
      // One uncompressed copy, for every client.
      delete request.headers["accept-encoding"];
      captureForCache(key, request, response);
    }
    response.setHeader("x-request-id", requestId);
    void handle(request, response);
  });
  server.listen(port, () => logger().info({ port }, `Ready on port ${port}`));
  drainOnSignals(server);
}

main().catch((error: Error) => {
  logger().fatal({ err: error }, "The server could not start");
  process.exit(1);
});
