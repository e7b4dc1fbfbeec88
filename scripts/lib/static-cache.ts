/**
 * The build's static files (`/_next/static/…`), kept in memory as Next sent them, compressed once.
 *
 * Next compresses every response as it goes, so each new reader cost the server a gzip of every
 * script the page loads (about 75 ms of CPU for a post page's ten scripts; the largest, 230 KB,
 * alone takes 15 ms). The files' names carry their content's hash and never change within a build,
 * which is what nginx's gzip_static or a CDN relies on. Only exact file names of the build are kept,
 * at most one copy per file, encoding and scheme, so no request can make the cache grow further.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { onResponseEnd, storableHeaders } from "./response-capture";

type StoredFile = { headers: Record<string, string>; body: Buffer };

// Plain path segments only: no dot segments, empty segments, escapes or query, one key per file.
const STATIC_FILE = /^\/_next\/static(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9_~.-]+)+$/;
const MAX_FILES = 2_000;
const MAX_BYTES = 64 * 1024 * 1024;

const files = new Map<string, StoredFile>();
let storedBytes = 0;

/** Which copy of a file the request can take: Next sends gzip to those who accept it (`gzip;q=0` refuses it). */
function encodingFor(request: IncomingMessage): "gzip" | "identity" {
  const acceptsGzip = String(request.headers["accept-encoding"] ?? "")
    .split(",")
    .some((entry) => {
      const [name, ...parameters] = entry.split(";").map((part) => part.trim().toLowerCase());
      const quality = parameters.find((parameter) => parameter.startsWith("q="));
      return name === "gzip" && (quality === undefined || Number(quality.slice(2)) > 0);
    });
  return acceptsGzip ? "gzip" : "identity";
}

/**
 * The key a request for a static file is kept under, and the encoding that copy has; null when
 * Next must answer it itself: anything but a plain GET of an exact file name (HEAD, ranges,
 * preconditions, queries).
 */
function staticKey(request: IncomingMessage): { key: string; encoding: "gzip" | "identity" } | null {
  if (request.method !== "GET" || !STATIC_FILE.test(request.url ?? "")) return null;
  // Ranges and every precondition (If-None-Match, If-Match, If-Unmodified-Since…) are Next's to answer.
  if (request.headers.range || Object.keys(request.headers).some((name) => name.startsWith("if-"))) return null;
  // Behind an HTTPS proxy the responses carry HSTS (next.config.mjs).
  const scheme = request.headers["x-forwarded-proto"] === "https" ? "https" : "http";
  const encoding = encodingFor(request);
  return { key: `${scheme} ${encoding} ${request.url}`, encoding };
}

/**
 * Answers from memory when the file is kept and returns true; otherwise lets Next answer (the
 * caller hands the request on, with its x-request-id set) and keeps a copy of a complete 200
 * answer for the next request.
 */
export function serveStaticFile(request: IncomingMessage, response: ServerResponse, requestId: string): boolean {
  const wanted = staticKey(request);
  if (!wanted) return false;
  const { key, encoding } = wanted;
  const stored = files.get(key);
  if (stored) {
    // Every header in one call (none set before it): Node's fast path.
    response.writeHead(200, { ...stored.headers, "content-length": String(stored.body.byteLength), "x-request-id": requestId });
    response.end(stored.body);
    return true;
  }
  // Exactly the encoding the key names, so the copy Next writes is the one the key stands for.
  if (encoding === "gzip") request.headers["accept-encoding"] = "gzip";
  else delete request.headers["accept-encoding"];
  onResponseEnd(response, (body) => {
    if (response.statusCode !== 200 || files.has(key) || files.size >= MAX_FILES || storedBytes + body.byteLength > MAX_BYTES) return;
    files.set(key, { headers: storableHeaders(response), body });
    storedBytes += body.byteLength;
  });
  return false;
}

/** For tests: how many files are kept. */
export const staticFilesKept = (): number => files.size;
