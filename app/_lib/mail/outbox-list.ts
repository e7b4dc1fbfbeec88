import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";

export const OUTBOX_PAGE_SIZE = 50;

export type OutboxEntry = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  status: "QUEUED" | "SENDING" | "SENT" | "FAILED";
  lastError: string | null;
  createdAt: Date;
};

/** The newest messages first, for admins only: they hold readers' addresses and comments. */
export async function listOutbox(viewer: Viewer | null, filter: { to?: string; before?: Date }): Promise<OutboxEntry[] | null> {
  if (!hasRole(viewer, "ADMIN")) return null;
  const rows = await db.outboxMessage.findMany({
    where: { toAddress: filter.to, createdAt: filter.before ? { lt: filter.before } : undefined },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: OUTBOX_PAGE_SIZE,
    select: { id: true, kind: true, toAddress: true, subject: true, text: true, headers: true, status: true, lastError: true, createdAt: true },
  });
  return rows.map(({ toAddress, headers, ...row }) => ({ ...row, to: toAddress, headers: JSON.parse(headers) as Record<string, string> }));
}
