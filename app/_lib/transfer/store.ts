import type { Database } from "@/app/_lib/db/client";
import { COMMENT_MAX, NAME_MAX } from "@/app/_lib/schemas/limits";
import { truncate } from "@/app/_lib/content/truncate";
import { commentRendering, postRendering } from "@/app/_lib/content/markdown";
import { guestAddressHash } from "@/app/_lib/users/guest-address";
import type { ImportBundle, ImportedComment, ImportedPost, Skipped } from "./bundle";
import { comparableName, comparableText, comparableTitle, hasMadeUpTime, minuteOf, SAME_POST_WITHIN_MS } from "./recognise";

type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];
type Reader = Database | Transaction;

export type ImportSummary = {
  dryRun: boolean;
  posts: { created: number; matched: number };
  /** `matched`: the same comment was already here (seeded, typed in, or imported from another format). */
  comments: { created: number; matched: number; alreadyImported: number };
  skipped: Skipped;
};

/** Parents before their replies, whatever order the export listed them in. */
function parentsFirst(comments: ImportedComment[]): ImportedComment[] {
  const byKey = new Map(comments.map((comment) => [comment.key, comment]));
  const ordered: ImportedComment[] = [];
  const placed = new Set<string>();
  const place = (comment: ImportedComment, trail: Set<string>) => {
    if (placed.has(comment.key) || trail.has(comment.key)) return;
    trail.add(comment.key);
    const parent = comment.parentKey ? byKey.get(comment.parentKey) : undefined;
    if (parent) place(parent, trail);
    placed.add(comment.key);
    ordered.push(comment);
  };
  for (const comment of [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) place(comment, new Set());
  return ordered;
}

/** The post this one already is: the same address, or else the same title published within a day. */
async function existingPost(db: Reader, imported: ImportedPost): Promise<string | null> {
  const bySlug = await db.post.findUnique({ where: { slug: imported.slug }, select: { id: true } });
  if (bySlug) return bySlug.id;
  const at = imported.publishedAt.getTime();
  const near = await db.post.findMany({
    where: { publishedAt: { gte: new Date(at - SAME_POST_WITHIN_MS), lte: new Date(at + SAME_POST_WITHIN_MS) } },
    select: { id: true, title: true },
    orderBy: { publishedAt: "asc" },
  });
  const title = comparableTitle(imported.title);
  return near.find((post) => comparableTitle(post.title) === title)?.id ?? null;
}

type Stored = { id: string; guestName: string | null; authorId: string | null; author: { name: string } | null; body: string; createdAt: Date; decidedAt: Date | null; submissionKey: string | null };

/** The post's comments that no import names yet, by author name, for recognising copies. */
async function unkeyedCommentsByName(db: Reader, postId: string): Promise<Map<string, Stored[]>> {
  const rows = await db.comment.findMany({
    where: { postId, importKey: null, deletedAt: null },
    select: { id: true, guestName: true, authorId: true, author: { select: { name: true } }, body: true, createdAt: true, decidedAt: true, submissionKey: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byName = new Map<string, Stored[]>();
  for (const row of rows) {
    const name = comparableName(row.author?.name ?? row.guestName ?? "");
    byName.set(name, [...(byName.get(name) ?? []), row]);
  }
  return byName;
}

/** Takes the stored comment that is this imported one, if any, so no other can match it too. */
function takeCopy(byName: Map<string, Stored[]>, comment: ImportedComment, texts: Map<string, string>): Stored | null {
  const candidates = byName.get(comparableName(comment.authorName));
  if (!candidates?.length) return null;
  const minute = minuteOf(comment.createdAt);
  const text = comparableText(comment.body);
  const index = candidates.findIndex((stored) => {
    if (!hasMadeUpTime(stored) && minuteOf(stored.createdAt) !== minute) return false;
    if (!texts.has(stored.id)) texts.set(stored.id, comparableText(stored.body));
    return texts.get(stored.id) === text;
  });
  return index < 0 ? null : candidates.splice(index, 1)[0]!;
}

/** A seeded comment takes the export's time; a decision time made up with it moves along. */
function realTime(copy: Stored, createdAt: Date) {
  const decidedWhenWritten = copy.decidedAt?.getTime() === copy.createdAt.getTime();
  return { createdAt, submissionKey: null, ...(decidedWhenWritten ? { decidedAt: createdAt } : {}) };
}

async function importPost(db: Reader, imported: ImportedPost, summary: ImportSummary): Promise<void> {
  const write = summary.dryRun ? null : (db as Transaction);
  let postId = await existingPost(db, imported);
  if (postId) summary.posts.matched += 1;
  else {
    summary.posts.created += 1;
    if (write) {
      postId = (
        await write.post.create({
          data: {
            slug: imported.slug,
            title: truncate(imported.title, 300),
            authorName: truncate(imported.authorName, NAME_MAX),
            publishedAt: imported.publishedAt,
            body: imported.body,
            ...postRendering(imported.body),
            commentsOpen: imported.commentsOpen,
          },
          select: { id: true },
        })
      ).id;
    }
  }

  const keyed = await db.comment.findMany({ where: { importKey: { in: imported.comments.map((comment) => comment.key) } }, select: { id: true, importKey: true, authorId: true, guestEmailHash: true } });
  const keyedByKey = new Map(keyed.map((row) => [row.importKey!, row]));
  const idByKey = new Map(keyed.map((row) => [row.importKey!, row.id]));
  const byName = postId ? await unkeyedCommentsByName(db, postId) : new Map<string, Stored[]>();
  const texts = new Map<string, string>();

  for (const comment of parentsFirst(imported.comments)) {
    const guestEmailHash = write && comment.authorEmail ? guestAddressHash(comment.authorEmail) : null;
    const already = keyedByKey.get(comment.key);
    if (already) {
      summary.comments.alreadyImported += 1;
      // A new site secret changed every hash; an unclaimed guest's is brought up to date.
      if (write && !already.authorId && guestEmailHash && already.guestEmailHash !== guestEmailHash) {
        await write.comment.update({ where: { id: already.id }, data: { guestEmailHash } });
      }
      continue;
    }
    const copy = takeCopy(byName, comment, texts);
    if (copy) {
      summary.comments.matched += 1;
      idByKey.set(comment.key, copy.id);
      if (write) {
        await write.comment.update({
          where: { id: copy.id },
          data: {
            importKey: comment.key,
            ...(hasMadeUpTime(copy) ? realTime(copy, comment.createdAt) : {}),
            ...(copy.authorId ? {} : { guestEmailHash }),
          },
        });
      }
      continue;
    }
    summary.comments.created += 1;
    if (!write) continue;
    const body = truncate(comment.body, COMMENT_MAX);
    const created = await write.comment.create({
      data: {
        postId: postId!,
        guestName: truncate(comment.authorName, NAME_MAX),
        guestEmailHash,
        parentId: comment.parentKey ? (idByKey.get(comment.parentKey) ?? null) : null,
        body,
        ...commentRendering(body),
        status: comment.status,
        decidedAt: comment.status === "PENDING" ? null : comment.createdAt,
        importKey: comment.key,
        createdAt: comment.createdAt,
      },
      select: { id: true },
    });
    idByKey.set(comment.key, created.id);
  }
}

/**
 * Stores what an export held, recognising what the site already has: posts by address (then by
 * title and day), comments by their import key, and else by content (post, author, minute and
 * text), so neither a second run nor the seeded copy of a post's responses adds duplicates.
 * Guests keep their names without accounts; their addresses are kept only as keyed hashes.
 * Each post is one transaction. With `dryRun` the same summary is computed and nothing written.
 */
export async function importBundle(db: Database, bundle: ImportBundle, { dryRun = false } = {}): Promise<ImportSummary> {
  const summary: ImportSummary = { dryRun, posts: { created: 0, matched: 0 }, comments: { created: 0, matched: 0, alreadyImported: 0 }, skipped: { ...bundle.skipped } };
  for (const imported of bundle.posts) {
    if (dryRun) await importPost(db, imported, summary);
    else await db.$transaction((tx) => importPost(tx, imported, summary), { timeout: 120_000 });
  }
  return summary;
}
