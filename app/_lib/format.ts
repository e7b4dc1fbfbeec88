const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function ordinal(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return `${day}th`;
  return `${day}${["th", "st", "nd", "rd"][day % 10] ?? "th"}`;
}

/** "March 15th, 2013", the journal's house style, always in UTC so every reader sees one date. */
export function formatLongDate(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${ordinal(date.getUTCDate())}, ${date.getUTCFullYear()}`;
}

/** The date part of an ISO timestamp, for `<time dateTime>`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "3 Responses to “Title”", "1 Response to “Title”", "No Responses to “Title”". */
export function responsesHeading(count: number, title: string): string {
  const quantity = count === 0 ? "No Responses" : count === 1 ? "1 Response" : `${count} Responses`;
  return `${quantity} to “${title}”`;
}

export function responsesLabel(count: number): string {
  return count === 0 ? "No responses" : count === 1 ? "1 response" : `${count} responses`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", "yesterday", "just now". */
export function relativeTime(date: Date, now = new Date()): string {
  const elapsed = date.getTime() - now.getTime();
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return relative.format(Math.round(elapsed / ms), unit);
  }
  return "just now";
}

/** "25 Nov 2026, 14:03 UTC": an unambiguous timestamp for tooltips and logs. */
export function exactTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "3 days", "2 years": how long ago an account was made. */
export function ageOf(date: Date, now = new Date()): string {
  const days = Math.floor((now.getTime() - date.getTime()) / 86_400_000);
  if (days < 1) return "less than a day";
  if (days < 60) return `${days} day${days === 1 ? "" : "s"}`;
  if (days < 730) return `${Math.floor(days / 30)} months`;
  return `${Math.floor(days / 365)} years`;
}

const DURATION_UNITS: [string, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

const countOf = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

/** A span of time in the two largest units that matter: "40 seconds", "3 hours 5 minutes", "2 days 4 hours". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000) * 1000);
  const first = DURATION_UNITS.findIndex(([, size]) => total >= size);
  if (first === -1) return "less than a second";
  const [unit, size] = DURATION_UNITS[first]!;
  const whole = Math.floor(total / size);
  const next = DURATION_UNITS[first + 1];
  const remainder = next ? Math.floor((total - whole * size) / next[1]) : 0;
  return remainder > 0 && next ? `${countOf(whole, unit)} ${countOf(remainder, next[0])}` : countOf(whole, unit);
}
