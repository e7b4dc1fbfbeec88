import type { RestoredState } from "./restored-state";

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

/** What the restore command prints: what was restored, whether its migrations fit this code, what it holds. */
export function describeRestore(file: string, into: string, { migrations, comments, posts }: RestoredState): { lines: string[]; fits: boolean } {
  const lines = [`Restored ${file} into ${into}.`];
  const fits = !migrations.unknown.length && !migrations.changed.length;
  if (!migrations.missing.length && fits) {
    lines.push(`Migrations: ${plural(migrations.applied.length, "migration")} applied, the same as this version of the site's (newest ${migrations.applied.at(-1) ?? "none"}).`);
  } else {
    lines.push(`Migrations: ${plural(migrations.applied.length, "migration")} applied.`);
    if (migrations.missing.length) {
      lines.push(
        `  The backup is older than this version of the site: ${plural(migrations.missing.length, "migration")} to apply (${migrations.missing.join(", ")}). ` +
          "Apply them once with `npm run db:migrate` (or let one `npm start` do it) before starting further instances.",
      );
    }
    if (migrations.unknown.length) lines.push(`  Warning: the backup has ${plural(migrations.unknown.length, "migration")} this version of the site does not know (${migrations.unknown.join(", ")}): run the version that made it.`);
    if (migrations.changed.length) lines.push(`  Warning: ${plural(migrations.changed.length, "migration")} differ from this version's files (${migrations.changed.join(", ")}).`);
  }
  lines.push(`It holds ${plural(comments, "comment")} and ${plural(posts, "post")}.`);
  return { lines, fits };
}
