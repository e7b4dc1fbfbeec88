/**
 * One log line and one duration sample per request. The request id comes from a trusted proxy's
 * X-Request-Id (so nginx's and the app's lines join up) or is made here; it is handed to the app
 * and returned in the response. The line holds the path without its query (unsubscribe and
 * sign-in links carry tokens there), never headers, cookies or bodies.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { ProxyTrust } from "../../app/_lib/client-address";
import { requestLogger } from "../../app/_lib/operations/logger";
import { metrics } from "../../app/_lib/operations/metrics";
import { routeLabeller, type RouteLabeller, type RoutesManifest } from "../../app/_lib/operations/route-label";
import { fromTrustedPeer } from "./trusted-peer";

const REQUEST_ID = /^[\w.:-]{1,128}$/;

const fromCache = new WeakSet<ServerResponse>();
/** Marks a response as a page-cache hit, for its metrics and log line. */
export const markCacheHit = (response: ServerResponse): void => void fromCache.add(response);

function loadLabeller(root: string): RouteLabeller {
  const file = path.join(root, ".next", "routes-manifest.json");
  return routeLabeller(existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RoutesManifest) : {});
}

function requestId(request: IncomingMessage, trust: ProxyTrust): string {
  const given = request.headers["x-request-id"];
  const trusted = typeof given === "string" && REQUEST_ID.test(given) && fromTrustedPeer(request, trust);
  return trusted ? given : randomUUID();
}

/** Route labels of recent addresses, so the hot path (the same few pages) matches no pattern. */
const LABELS_KEPT = 2_000;

export function observeRequests(root: string, trust: ProxyTrust): (request: IncomingMessage, response: ServerResponse) => void {
  const labelOf = loadLabeller(root);
  const labels = new Map<string, string>();
  const label = (pathname: string) => {
    let found = labels.get(pathname);
    if (found === undefined) {
      if (labels.size >= LABELS_KEPT) labels.clear();
      found = labelOf(pathname);
      labels.set(pathname, found);
    }
    return found;
  };
  const log = requestLogger();
  const logRequests = log.isLevelEnabled("info");
  const { httpDuration } = metrics();
  // One labelled series object per combination (bounded: routes, methods and statuses are).
  const series = new Map<string, ReturnType<typeof httpDuration.labels>>();
  const seriesFor = (method: string, route: string, status: number, cache: string) => {
    const key = `${method} ${route} ${status} ${cache}`;
    let found = series.get(key);
    if (!found) {
      found = httpDuration.labels({ method, route, status: String(status), cache });
      series.set(key, found);
    }
    return found;
  };
  return (request, response) => {
    const started = process.hrtime.bigint();
    const reqId = requestId(request, trust);
    // The response gets it from serve.ts: a cached page's headers are written in one call, and a
    // header set before that call would send Node down its slow path, header by header.
    request.headers["x-request-id"] = reqId;
    response.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const url = request.url ?? "/";
      const query = url.indexOf("?");
      const pathname = query === -1 ? url : url.slice(0, query);
      const route = label(pathname);
      const cache = fromCache.has(response) ? "hit" : "none";
      const method = request.method ?? "GET";
      const action = method === "POST" && request.headers["next-action"] !== undefined;
      const status = response.writableFinished ? response.statusCode : 499;
      seriesFor(action ? "ACTION" : method, route, status, cache).observe(seconds);
      if (logRequests) {
        log.info({ reqId, method, path: pathname.slice(0, 300), route, status, ms: Math.round(seconds * 10_000) / 10, ...(action ? { action: true } : {}), ...(cache === "hit" ? { cache } : {}) }, "request");
      }
    });
  };
}
