import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStaticFile, staticFilesKept } from "@/scripts/lib/static-cache";

// Stands in for Next's handler: it compresses for those who accept gzip, as Next does, and counts
// what reaches it, so each test sees whether the cache answered.
const FILE = Buffer.from("console.log('a build file');\n".repeat(2_000));
let reachedNext: string[] = [];
let server: Server;
let port: number;

function nextHandler(request: IncomingMessage, response: import("node:http").ServerResponse) {
  reachedNext.push(`${request.method} ${request.url} ${request.headers["accept-encoding"] ?? "-"}`);
  if (request.url?.includes("missing")) {
    response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    return;
  }
  const gzip = /gzip/.test(String(request.headers["accept-encoding"] ?? ""));
  const body = gzip ? gzipSync(FILE) : FILE;
  response.setHeader("content-type", "application/javascript; charset=UTF-8");
  response.setHeader("cache-control", "public, max-age=31536000, immutable");
  response.setHeader("vary", "Accept-Encoding");
  if (gzip) response.setHeader("content-encoding", "gzip");
  if (request.url?.includes("cut-short")) {
    // The connection ends half way through the body.
    response.write(body.subarray(0, 100));
    response.socket?.destroy();
    return;
  }
  response.end(body);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const requestId = String(request.headers["x-request-id"] ?? "none");
    if (serveStaticFile(request, response, requestId)) return;
    response.setHeader("x-request-id", requestId);
    nextHandler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // The path as written (a URL would resolve its dot segments before sending).
    const request = httpRequest({ host: "127.0.0.1", port, path, method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

describe("the static files' cache", () => {
  it("answers the second request for a file from memory, with the bytes and headers Next sent", async () => {
    reachedNext = [];
    const first = await get("/_next/static/chunks/first.js", { "accept-encoding": "gzip, deflate, br" });
    const second = await get("/_next/static/chunks/first.js", { "accept-encoding": "br, gzip" });
    expect(reachedNext).toEqual(["GET /_next/static/chunks/first.js gzip"]);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(gunzipSync(second.body).equals(FILE)).toBe(true);
    expect(second.headers).toMatchObject({ "content-encoding": "gzip", "content-type": "application/javascript; charset=UTF-8", vary: "Accept-Encoding", "content-length": String(first.body.byteLength) });
  });

  it("keeps the uncompressed copy apart for clients that do not accept gzip, gzip;q=0 included", async () => {
    reachedNext = [];
    await get("/_next/static/chunks/plain.js", { "accept-encoding": "gzip" });
    const plain = await get("/_next/static/chunks/plain.js");
    const answers = [plain];
    for (const refusal of ["identity", "gzip;q=0", "identity, gzip; q=0", "br, GZIP;Q=0.000"]) answers.push(await get("/_next/static/chunks/plain.js", { "accept-encoding": refusal }));
    expect(reachedNext).toEqual(["GET /_next/static/chunks/plain.js gzip", "GET /_next/static/chunks/plain.js -"]);
    for (const answer of answers) {
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(answer.body.equals(FILE)).toBe(true);
    }
  });

  it("gives each answer from memory its own request id, never the first request's", async () => {
    await get("/_next/static/chunks/ids.js", { "x-request-id": "first" });
    const second = await get("/_next/static/chunks/ids.js", { "x-request-id": "second" });
    const third = await get("/_next/static/chunks/ids.js", { "x-request-id": "third" });
    expect([second.headers["x-request-id"], third.headers["x-request-id"]]).toEqual(["second", "third"]);
  });

  it("leaves to Next what is not a plain request for an exact file name, and keeps none of it", async () => {
    const kept = staticFilesKept();
    const paths = ["/_next/static/chunks/odd.js?v=1", "/_next/static/chunks/../chunks/odd.js", "/_next/static//chunks/odd.js", "/_next/static/chunks/./odd.js", "/_next/static/chunks/%6Fdd.js", "/posts/odd.js", "/_next/static/missing.js"];
    reachedNext = [];
    for (const path of paths) {
      await get(path);
      await get(path);
    }
    const conditions: Record<string, string>[] = [
      { range: "bytes=0-9" },
      { "if-none-match": 'W/"x"' },
      { "if-modified-since": new Date().toUTCString() },
      { "if-match": '"not-this-one"' },
      { "if-unmodified-since": "Mon, 01 Jan 2001 00:00:00 GMT" },
      { "if-range": '"x"' },
    ];
    for (const headers of conditions) {
      await get("/_next/static/chunks/conditional.js", headers);
      await get("/_next/static/chunks/conditional.js", headers);
    }
    // The file itself is kept, so each conditional request above reached Next although a copy was there.
    await get("/_next/static/chunks/conditional.js");
    for (const headers of conditions) await get("/_next/static/chunks/conditional.js", headers);
    await get("/_next/static/chunks/head.js", {}, "HEAD");
    await get("/_next/static/chunks/head.js", {}, "HEAD");
    expect(reachedNext).toHaveLength(paths.length * 2 + conditions.length * 3 + 1 + 2);
    expect(staticFilesKept()).toBe(kept + 1);
  });

  it("keeps no copy of a response cut short", async () => {
    const kept = staticFilesKept();
    reachedNext = [];
    await get("/_next/static/chunks/cut-short.js", { "accept-encoding": "gzip" }).catch(() => undefined);
    await get("/_next/static/chunks/cut-short.js", { "accept-encoding": "gzip" }).catch(() => undefined);
    expect(reachedNext).toHaveLength(2);
    expect(staticFilesKept()).toBe(kept);
  });
});
