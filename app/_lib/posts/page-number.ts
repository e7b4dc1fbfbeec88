// Nine digits is more pages than any thread will have, and keeps the number exact.
const PLAIN_PAGE_NUMBER = /^[1-9][0-9]{0,8}$/;

/**
 * The thread page a `?comments=` value asks for: none means the first. Anything but a plain
 * positive whole number ("0", "-1", "1.5", "01", "1e3", a repeated parameter) names no page, so
 * each page has exactly one address and made-up spellings cannot mint cache keys. Shared by the
 * post page and the server's page cache (scripts/serve.ts), so both read an address alike.
 */
export function requestedCommentsPage(value: string | string[] | undefined): number | null {
  if (value === undefined) return 1;
  return typeof value === "string" && PLAIN_PAGE_NUMBER.test(value) ? Number(value) : null;
}
