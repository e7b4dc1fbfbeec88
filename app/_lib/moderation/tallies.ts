import "server-only";
import { db } from "@/app/_lib/db";
import type { CommentStatus } from "./decide";

/**
 * How many comments hold each status, from the tallies the database keeps in the same
 * transaction as every change (triggers on Comment): exact, and one small read however many
 * comments there are.
 */
export async function commentTallies(): Promise<Record<CommentStatus, number>> {
  const rows = await db.commentTally.groupBy({ by: ["status"], _sum: { count: true } });
  const tallies: Record<CommentStatus, number> = { PENDING: 0, APPROVED: 0, REJECTED: 0, SPAM: 0, TRASH: 0 };
  for (const row of rows) tallies[row.status] = row._sum.count ?? 0;
  return tallies;
}
