/**
 * Keeps a copy of what Next writes into a response, for the server's caches (the visitors' page
 * cache and the static files' cache in scripts/serve.ts): the bytes as sent, and the headers
 * worth replaying.
 */
import type { ServerResponse } from "node:http";

// Per response or per connection: never replayed from a stored copy.
const NOT_STORED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie", "x-request-id"]);

/**
 * Calls `complete` with the whole body, its bytes as sent, once the response has been handed to
 * the connection in full; never for a response cut short (the client went away).
 */
export function onResponseEnd(response: ServerResponse, complete: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
    else if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else chunks.push(Buffer.from(chunk as Uint8Array));
  };
  response.once("finish", () => complete(Buffer.concat(chunks)));
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse["end"];
}

/** The response's headers that describe its content, as plain strings. */
export function storableHeaders(response: ServerResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (!NOT_STORED.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return headers;
}
