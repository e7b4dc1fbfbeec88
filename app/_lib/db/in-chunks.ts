/**
 * Runs a query per slice of a long list of values, one after another (a transaction has one
 * connection), and joins the rows: Prisma refuses a SQLite statement with more than 999
 * parameters, and an export can name many more comments than that.
 */
export async function inChunks<Value, Row>(values: Value[], query: (chunk: Value[]) => Promise<Row[]>, size = 500): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < values.length; start += size) rows.push(...(await query(values.slice(start, start + size))));
  return rows;
}
