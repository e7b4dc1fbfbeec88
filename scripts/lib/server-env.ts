/**
 * What the production server's process is started with, by `npm start` and by the benchmark and
 * load-test harness alike.
 *
 * glibc gives each thread that allocates its own malloc arena (up to eight per core), and the
 * memory freed in them is seldom returned: the server's resident memory grew by 300 MB while it
 * sent cached pages at 18,000 a second. Two arenas kept that growth to 140 MB at the same speed.
 * An operator's own MALLOC_ARENA_MAX wins.
 */
export const serverProcessEnv = (): NodeJS.ProcessEnv => ({ MALLOC_ARENA_MAX: "2", ...process.env });

/**
 * How far V8 lets the heap grow past what the last full collection kept, in percent. By its own
 * rule it lets the heap reach up to four times the live data while collecting is cheap: with
 * about 120 MB alive under ten concurrent renders, the heap reached 360 MB before each
 * collection, and the server's resident memory after the benchmark was 628 MB. Collecting at a
 * quarter more than the live data kept it at 383 MB (half more: 414 MB), and submissions and
 * queue pages were served as fast, within the runs' noise (the concurrent marker runs beside the
 * requests). An operator's HEAP_GROWING_PERCENT wins (0 is V8's own rule).
 */
const DEFAULT_HEAP_GROWING_PERCENT = 25;

/** Flags for the server's node, before its script. */
export function serverNodeFlags(): string[] {
  const configured = process.env.HEAP_GROWING_PERCENT?.trim() ?? "";
  const percent = /^\d{1,4}$/.test(configured) ? Number(configured) : DEFAULT_HEAP_GROWING_PERCENT;
  return [`--heap-growing-percent=${percent}`];
}
