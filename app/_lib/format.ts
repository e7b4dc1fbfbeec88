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
