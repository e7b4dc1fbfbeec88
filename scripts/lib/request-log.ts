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
import { isTrustedPeer, type ProxyTrust } from "../../app/_lib/client-address";
import { logger } from "../../app/_lib/operations/logger";
import { metrics } from "../../app/_lib/operations/metrics";
import { routeLabeller, type RouteLabeller, type RoutesManifest } from "../../app/_lib/operations/route-label";

const REQUEST_ID = /^[\w.:-]{1,128}$/;

function loadLabeller(root: string): RouteLabeller {
  const file = path.join(root, ".next", "routes-manifest.json");
  return routeLabeller(existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RoutesManifest) : {});
}

function requestId(request: IncomingMessage, trust: ProxyTrust): string {
  const given = request.headers["x-request-id"];
  const trusted = typeof given === "string" && REQUEST_ID.test(given) && isTrustedPeer(request.socket.remoteAddress ?? "", trust);
  return trusted ? given : randomUUID();
}

export function observeRequests(root: string, trust: ProxyTrust): (request: IncomingMessage, response: ServerResponse) => void {
  const label = loadLabeller(root);
  const log = logger();
  const { httpDuration } = metrics();
  return (request, response) => {
    const started = process.hrtime.bigint();
    const reqId = requestId(request, trust);
    request.headers["x-request-id"] = reqId;
    response.setHeader("x-request-id", reqId);
    const pathname = (request.url ?? "/").split("?")[0]!;
    response.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = label(pathname);
      const cache = response.getHeader("x-vetted-cache") === "hit" ? "hit" : "none";
      const method = request.method ?? "GET";
      const action = method === "POST" && request.headers["next-action"] !== undefined;
      const status = response.writableFinished ? response.statusCode : 499;
      httpDuration.observe({ method: action ? "ACTION" : method, route, status: String(status), cache }, seconds);
      log.info({ reqId, method, path: pathname.slice(0, 300), route, status, ms: Math.round(seconds * 10_000) / 10, ...(action ? { action: true } : {}), ...(cache === "hit" ? { cache } : {}) }, "request");
    });
  };
}
