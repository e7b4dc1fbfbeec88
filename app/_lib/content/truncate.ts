/**
 * At most `max` characters, never splitting a character made of two UTF-16 units (an emoji, say):
 * half of one is not valid text, and databases' JSON and UTF-8 encoders refuse it.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const characters = Array.from(text);
  return characters.length <= max ? text : characters.slice(0, max).join("");
}

/** The text, or its start and an ellipsis when longer than `max` characters. */
export function excerpt(text: string, max: number): string {
  return Array.from(text).length > max ? `${truncate(text, max - 1)}…` : text;
}
