import { SKIPPED_KINDS, type SkippedKind } from "./bundle";
import type { ImportSummary } from "./store";

const SOURCE_NAMES = { wordpress: "WordPress", disqus: "Disqus" } as const;

const counted = (count: number, [one, many]: readonly [string, string]) => `${count} ${count === 1 ? one : many}`;

/** What an import did, or would do in a dry run, one line per kind of thing the file held. */
export function describeImport(source: keyof typeof SOURCE_NAMES, summary: ImportSummary): string {
  const made = summary.dryRun ? "to create" : "created";
  const skipped = (Object.keys(SKIPPED_KINDS) as SkippedKind[]).filter((kind) => summary.skipped[kind] > 0).map((kind) => counted(summary.skipped[kind], SKIPPED_KINDS[kind]));
  return [
    summary.dryRun ? `${SOURCE_NAMES[source]} import, dry run: nothing was written.` : `${SOURCE_NAMES[source]} import done.`,
    `Posts: ${summary.posts.created} ${made}, ${summary.posts.matched} already here.`,
    `Comments: ${summary.comments.created} ${made}, ${summary.comments.matched} already here, ${summary.comments.alreadyImported} imported before.`,
    `Skipped: ${skipped.length ? skipped.join(", ") : "nothing"}.`,
  ].join("\n");
}
