import { z } from "zod";

// Record ids (cuid) as the app makes them; anything else names nothing.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const isId = (value: unknown): value is string => typeof value === "string" && ID_PATTERN.test(value);

export const isSlug = (value: unknown): value is string => typeof value === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 100;

/** A record id sent by a form or a caller; anything else is refused with `message`. */
export const recordId = (message = "Unknown item. Reload the page and try again.") => z.string({ error: message }).trim().regex(ID_PATTERN, message);
