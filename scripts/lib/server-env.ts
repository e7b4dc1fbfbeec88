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
