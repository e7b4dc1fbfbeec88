/**
 * Keeps a copy of what Next writes into a response, for the server's caches (the visitors' page
 * cache and the static files' cache in scripts/serve.ts): the bytes as sent, and the headers
 * worth replaying.
 */
import type { ServerResponse } from "node:http";
import { logger } from "../../app/_lib/operations/logger";

// Per response or per connection: never replayed from a stored copy.
const NOT_STORED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie", "x-request-id"]);

type Write = (...args: unknown[]) => boolean;
type End = (...args: unknown[]) => ServerResponse;

function keeper(chunks: Buffer[]) {
  return (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
    else if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else chunks.push(Buffer.from(chunk as Uint8Array));
  };
}

/**
 * Calls `complete` with the whole body, its bytes as sent, once the response has been handed to
 * the connection in full; never for a response cut short (the client went away).
 */
export function onResponseEnd(response: ServerResponse, complete: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const write = response.write.bind(response) as Write;
  const end = response.end.bind(response) as End;
  const keep = keeper(chunks);
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

type HeaderValues = Record<string, number | string | string[] | undefined>;

/** Records what a writeHead call says (status, message, headers in any of its forms) without forming the headers. */
function recordHead(response: ServerResponse, statusCode: number, rest: unknown[]): void {
  response.statusCode = statusCode;
  for (const argument of rest) {
    if (typeof argument === "string") response.statusMessage = argument;
    else if (Array.isArray(argument)) {
      // [[name, value], …] or [name, value, name, value, …]
      const pairs: unknown[][] = Array.isArray(argument[0]) ? (argument as unknown[][]) : Array.from({ length: Math.floor(argument.length / 2) }, (_, index) => [argument[2 * index], argument[2 * index + 1]]);
      for (const [name, value] of pairs) response.setHeader(String(name), value as string | string[]);
    } else if (argument && typeof argument === "object") {
      for (const [name, value] of Object.entries(argument as HeaderValues)) if (value !== undefined) response.setHeader(name, value);
    }
  }
}

/**
 * Holds back everything Next writes into a response, headers included, until it ends; then
 * `complete` gets the whole body and `send`s what the client receives instead: the same bytes,
 * or a document changed before any of it left, under headers it may still change. Nothing
 * reaches the client until `send`, and the headers are formed only then.
 */
export function holdUntilEnd(response: ServerResponse, complete: (body: Buffer, send: (body: Buffer) => void) => void): void {
  const chunks: Buffer[] = [];
  const end = response.end.bind(response) as End;
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  const keep = keeper(chunks);
  let sending = false;
  // Next flushes the headers before its first chunk, and its compression forms them (writeHead)
  // before its first write; here they are only recorded and wait for the whole body.
  response.flushHeaders = () => {};
  response.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    if (sending) return writeHead(statusCode, ...rest);
    recordHead(response, statusCode, rest);
    return response;
  }) as ServerResponse["writeHead"];
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    const written = rest.at(-1);
    if (typeof written === "function") process.nextTick(written as () => void);
    return true;
  }) as ServerResponse["write"];
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    const finished = [chunk, ...rest].find((argument) => typeof argument === "function");
    response.end = end as ServerResponse["end"];
    const whole = Buffer.concat(chunks);
    let sent = false;
    const send = (body: Buffer) => {
      if (sent) return;
      sent = true;
      sending = true;
      if (!response.headersSent) {
        response.removeHeader("transfer-encoding");
        response.setHeader("content-length", String(body.byteLength));
      }
      end(body, finished);
    };
    try {
      complete(whole, send);
    } catch (error) {
      // Whatever went wrong in `complete`, the client gets the response as Next wrote it.
      logger().error({ err: error }, "A held response could not be changed; it was sent as rendered");
      send(whole);
    }
    return response;
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
