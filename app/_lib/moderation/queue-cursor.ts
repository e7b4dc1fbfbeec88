import { isId } from "@/app/_lib/schemas/ids";

/** Keyset cursors for the queue and the log: the last item's time and id, opaque to readers. */
export function encodeCursor(item: { createdAt: Date; id: string }): string {
  return Buffer.from(`${item.createdAt.toISOString()}|${item.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  return isId(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/** The cursor of the "most likely spam first" order: the last item's score as well. */
export function encodeScoreCursor(item: { spamScore: number | null; createdAt: Date; id: string }): string {
  return Buffer.from(`${item.createdAt.toISOString()}|${item.id}|${item.spamScore ?? ""}`).toString("base64url");
}

export function decodeScoreCursor(cursor: string | undefined): { spamScore: number | null; createdAt: Date; id: string } | null {
  const position = decodeCursor(cursor);
  if (!position) return null;
  const score = Buffer.from(cursor!, "base64url").toString("utf8").split("|")[2];
  if (score === undefined) return null;
  if (score === "") return { ...position, spamScore: null };
  const spamScore = Number(score);
  return Number.isFinite(spamScore) && spamScore >= 0 && spamScore <= 1 ? { ...position, spamScore } : null;
}
