/**
 * Structured logs: one JSON object a line (pino), for a log collector; `LOG_FORMAT=pretty` (the
 * default of `npm run dev`) prints them for a person instead. Nothing that identifies or
 * authenticates a reader is ever logged: no headers, bodies or query strings are passed to the
 * logger, and the paths below are redacted should an error object carry them.
 */
import pino, { type Logger } from "pino";

const KEY = Symbol.for("vetted.logger");
const store = globalThis as unknown as Record<typeof KEY, Logger | undefined>;

export const REDACTED_PATHS = [
  "password",
  "*.password",
  "email",
  "*.email",
  "token",
  "*.token",
  "cookie",
  "*.cookie",
  "headers",
  "*.headers",
  "authorization",
  "*.authorization",
];

const usesPrettyFormat = () => (process.env.LOG_FORMAT ?? (process.env.NODE_ENV === "development" ? "pretty" : "json")) === "pretty";
const options = () => ({ level: process.env.LOG_LEVEL ?? "info", base: { service: "vetted" } });

// Written without waiting, and gathered: lines go out 4 KB at a time (about twenty request
// lines), and at least once a second, instead of one system call for every request or two
// (page-cache hits 12,500 → 13,000–13,300 a second in quick P1 runs, back to back). What is still
// queued is written out when the process exits, a crash included; only a process killed outright
// loses it.
const DESTINATION_KEY = Symbol.for("vetted.logDestination");
const destinations = globalThis as unknown as Record<typeof DESTINATION_KEY, ReturnType<typeof pino.destination> | undefined>;
const destination = () => (destinations[DESTINATION_KEY] ??= pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }));

function create(): Logger {
  const redact = { paths: REDACTED_PATHS, censor: "[redacted]" };
  if (usesPrettyFormat()) return pino({ ...options(), redact, transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l" } } });
  return pino({ ...options(), redact }, destination());
}

/** One logger per process, shared by the server and the app's bundle (see metrics.ts). */
export function logger(): Logger {
  store[KEY] ??= create();
  return store[KEY];
}

const REQUESTS_KEY = Symbol.for("vetted.requestLogger");
const requestStore = globalThis as unknown as Record<typeof REQUESTS_KEY, Logger | undefined>;

/**
 * The logger of the server's one line per request, into the same output. Its lines carry only the
 * fields the server picks (method, path without its query, route, status, duration, request id),
 * never an object from elsewhere, so they skip the redaction pass every other line goes through.
 */
export function requestLogger(): Logger {
  requestStore[REQUESTS_KEY] ??= usesPrettyFormat() ? logger() : pino(options(), destination());
  return requestStore[REQUESTS_KEY];
}
