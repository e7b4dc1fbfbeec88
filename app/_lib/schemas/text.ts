import { z } from "zod";

// Control characters other than tab and newline: never meaningful in text people write, and
// PostgreSQL refuses NUL in text columns outright.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** A free-text field: control characters removed, then trimmed. */
export const cleanText = () => z.string().transform((text) => stripControl(text).trim());
