import "server-only";
import { cache } from "react";
import { db } from "@/app/_lib/db";
import { providerOf } from "@/app/_lib/db/client";
import type { CommentStatus } from "./decide";

/** Changes not yet folded into the totals before a read folds them (PostgreSQL only). */
const FOLD_AFTER = 500;

/** A count for every status, each at zero: what a tally starts from before rows add to it. */
export const zeroCounts = (): Record<CommentStatus, number> => ({ PENDING: 0, APPROVED: 0, REJECTED: 0, SPAM: 0, TRASH: 0 });

/** The fold this process has under way: ten reads at once start one, not ten. */
let folding: Promise<void> | null = null;

/**
 * How many comments hold each status, from the tallies the database keeps in the same
 * transaction as every change (triggers on Comment, see the performance migration): exact, and
 * one small read however many comments there are. Totals and unfolded changes are read in one
 * statement, so a fold running meanwhile is seen wholly or not at all. Read once per request
 * (the header's count and the queue's tabs share it).
 */
export const commentTallies = cache(async (): Promise<Record<CommentStatus, number>> => {
  const rows = await db.$queryRaw<{ status: CommentStatus; count: number | bigint; changes: number | bigint }[]>`
    SELECT "status", SUM("count") AS "count", SUM("change") AS "changes" FROM (
      SELECT CAST("status" AS TEXT) AS "status", "count", 0 AS "change" FROM "CommentTally"
      UNION ALL
      SELECT CAST("status" AS TEXT) AS "status", "delta" AS "count", 1 AS "change" FROM "CommentTallyChange"
    ) AS "tallies" GROUP BY "status"`;
  const tallies = zeroCounts();
  let changes = 0;
  for (const row of rows) {
    tallies[row.status] = Number(row.count);
    changes += Number(row.changes);
  }
  if (changes > FOLD_AFTER && !folding) {
    folding = foldTallyChanges()
      .catch((error: Error) => console.error(`Folding the comment tallies failed; they stay exact: ${error.message}`))
      .finally(() => (folding = null));
  }
  return tallies;
});

/**
 * Moves the changes the PostgreSQL triggers appended into the totals, in one statement: a
 * reader sees them either as changes or in the totals. Concurrent folds take turns on the
 * totals' rows, and a change row is moved once.
 *
 * The deleted rows stay in the table's pages until a vacuum, and every read scans them: after
 * 100,000 comments were written at once (an import), each read took 60 ms instead of under 1
 * until autovacuum came by. So the fold vacuums the table at once (a moment for so small a
 * table, beside concurrent writes; one already vacuuming it is left to finish). The emptied pages
 * stay for new changes: giving them back would wait up to seconds for any open transaction that
 * read the table (a backup's, say) while the fold holds a connection.
 */
export async function foldTallyChanges(): Promise<void> {
  if (providerOf(db) !== "postgresql") return;
  await db.$executeRaw`
    WITH "moved" AS (DELETE FROM "CommentTallyChange" RETURNING "status", "delta"),
         "sums" AS (SELECT "status", SUM("delta") AS "delta" FROM "moved" GROUP BY "status")
    UPDATE "CommentTally" SET "count" = "CommentTally"."count" + "sums"."delta"
    FROM "sums" WHERE "CommentTally"."status" = "sums"."status"`;
  await db.$executeRaw`VACUUM (SKIP_LOCKED, TRUNCATE false) "CommentTallyChange"`;
}
