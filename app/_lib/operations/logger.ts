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

function create(): Logger {
  const pretty = (process.env.LOG_FORMAT ?? (process.env.NODE_ENV === "development" ? "pretty" : "json")) === "pretty";
  const options = { level: process.env.LOG_LEVEL ?? "info", base: { service: "vetted" }, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
  if (pretty) return pino({ ...options, transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l" } } });
  // Written without waiting: under load, lines queued while a write is under way go out together
  // instead of one system call per request. What is queued is written out when the process exits.
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

/** One logger per process, shared by the server and the app's bundle (see metrics.ts). */
export function logger(): Logger {
  store[KEY] ??= create();
  return store[KEY];
}
