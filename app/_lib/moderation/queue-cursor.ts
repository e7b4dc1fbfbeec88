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
