import type { Database, Transaction } from "@/app/_lib/db/client";
import { COMMENT_MAX, NAME_MAX } from "@/app/_lib/schemas/limits";
import { truncate } from "@/app/_lib/content/truncate";
import { commentRendering, postRendering } from "@/app/_lib/content/markdown";
import { readSettings } from "@/app/_lib/settings/read";
import { guestAddressHash } from "@/app/_lib/users/guest-address";
import type { ImportBundle, ImportedComment, ImportedPost, Skipped } from "./bundle";
import { inChunks } from "@/app/_lib/db/in-chunks";
import { comparableName, comparableText, comparableTitle, hasMadeUpTime, importFingerprint, minuteOf, SAME_POST_WITHIN_MS } from "./recognise";
import { parentsFirst, placeComments } from "./threading";


type Reader = Database | Transaction;

export type ImportSummary = {
  dryRun: boolean;
  posts: { created: number; matched: number };
  /** `matched`: the same comment was already here (seeded, typed in, or imported from another file or format). */
  comments: { created: number; matched: number; alreadyImported: number };
  skipped: Skipped & { removedHere: number };
};

/** What one run has done so far, so that two posts of one file are never taken for each other. */
type Run = { summary: ImportSummary; write: boolean; createdSlugs: Set<string>; createdPostIds: Set<string>; postsTaken: Set<string>; maxDepth: number };

/**
 * The post this one already is: the same address, or else a post that was here before this run
 * with the same title, published within a day (a seeded post knows only its date), and not taken
 * by another post of the file.
 */
async function existingPost(db: Reader, imported: ImportedPost, run: Run): Promise<{ id: string | null } | null> {
  const bySlug = await db.post.findUnique({ where: { slug: imported.slug }, select: { id: true } });
  if (bySlug) {
    run.postsTaken.add(bySlug.id);
    return bySlug;
  }
  if (run.createdSlugs.has(imported.slug)) return { id: null };
  const at = imported.publishedAt.getTime();
  const near = await db.post.findMany({
    where: { publishedAt: { gte: new Date(at - SAME_POST_WITHIN_MS), lte: new Date(at + SAME_POST_WITHIN_MS) } },
    select: { id: true, title: true },
    orderBy: { publishedAt: "asc" },
  });
  const title = comparableTitle(imported.title);
  const match = near.find((post) => !run.createdPostIds.has(post.id) && !run.postsTaken.has(post.id) && comparableTitle(post.title) === title);
  if (match) run.postsTaken.add(match.id);
  return match ?? null;
}

type Stored = { id: string; guestName: string | null; authorId: string | null; author: { name: string } | null; body: string; status: string; createdAt: Date; decidedAt: Date | null; submissionKey: string | null; importKey: string | null };

/**
 * The post's comments an imported one could be a copy of, by author name and minute (and, for
 * seeded responses whose time was made up, by name alone). Comments this file itself names are
 * recognised by their key instead.
 */
class Copies {
  private byNameAndMinute = new Map<string, Stored[]>();
  private madeUpTimes = new Map<string, Stored[]>();
  private texts = new Map<string, string>();

  static async of(db: Reader, postId: string, fileKeys: Set<string>): Promise<Copies> {
    const copies = new Copies();
    const rows = await db.comment.findMany({
      where: { postId, deletedAt: null },
      select: { id: true, guestName: true, authorId: true, author: { select: { name: true } }, body: true, status: true, createdAt: true, decidedAt: true, submissionKey: true, importKey: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    for (const row of rows) {
      if (row.importKey && fileKeys.has(row.importKey)) continue;
      const name = comparableName(row.author?.name ?? row.guestName ?? "");
      const [index, key] = hasMadeUpTime(row) ? [copies.madeUpTimes, name] : [copies.byNameAndMinute, `${minuteOf(row.createdAt)} ${name}`];
      const list = index.get(key);
      if (list) list.push(row);
      else index.set(key, [row]);
    }
    return copies;
  }

  /** Takes the stored comment that is this imported one, if any, so no other can match it too. */
  take(comment: ImportedComment, textOf: (comment: ImportedComment) => string): Stored | null {
    const name = comparableName(comment.authorName);
    for (const list of [this.byNameAndMinute.get(`${minuteOf(comment.createdAt)} ${name}`), this.madeUpTimes.get(name)]) {
      if (!list?.length) continue;
      const text = textOf(comment);
      const index = list.findIndex((stored) => this.textOf(stored) === text);
      if (index >= 0) return list.splice(index, 1)[0]!;
    }
    return null;
  }

  private textOf(stored: Stored): string {
    let text = this.texts.get(stored.id);
    if (text === undefined) this.texts.set(stored.id, (text = comparableText(stored.body)));
    return text;
  }
}

/** A seeded comment takes the export's time; a decision time made up with it moves along. */
function realTime(copy: Stored, createdAt: Date) {
  const decidedWhenWritten = copy.decidedAt?.getTime() === copy.createdAt.getTime();
  return { createdAt, submissionKey: null, ...(decidedWhenWritten ? { decidedAt: createdAt } : {}) };
}

/** What an imported comment turns out to be, decided before anything is written. */
type Outcome =
  /** Deleted here: a row still there (emptied, its replies kept) stays their parent. */
  | { kind: "removed"; id?: string; status?: string }
  | { kind: "imported before"; id: string; postId: string; authorId: string | null; guestEmailHash: string | null; importFingerprint: string | null; status: string }
  | { kind: "copy"; stored: Stored }
  | { kind: "same as"; id: string; status: string }
  | { kind: "new" };

/** Where an outcome stands here, if anywhere: its row and status, for placing replies under it. */
const storedRow = (outcome: Outcome): { id: string; status: string } | null =>
  outcome.kind === "copy" ? outcome.stored : "id" in outcome && outcome.id && outcome.status ? { id: outcome.id, status: outcome.status } : null;

/**
 * A comment imported before onto another post (a file that moved it, or two files sharing its
 * key) stays where it is, and no reply of this post hangs from it: a thread never crosses posts.
 */
const elsewhere = (outcome: Outcome, postId: string | null): boolean => outcome.kind === "imported before" && outcome.postId !== postId;

/** The stored rows outcomes already stand for, so no second comment of the file takes them. */
function outcomesRows(outcomes: Map<string, Outcome>): string[] {
  return [...outcomes.values()].flatMap((outcome) => storedRow(outcome)?.id ?? []);
}

async function importPost(db: Reader, imported: ImportedPost, run: Run): Promise<void> {
  const { summary } = run;
  const write = run.write ? (db as Transaction) : null;
  const existing = await existingPost(db, imported, run);
  let postId = existing?.id ?? null;
  if (existing) summary.posts.matched += 1;
  else {
    summary.posts.created += 1;
    run.createdSlugs.add(imported.slug);
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
      run.createdPostIds.add(postId);
    }
  }

  const fileKeys = [...new Set(imported.comments.map((comment) => comment.key))];
  const keyed = await inChunks(fileKeys, (chunk) =>
    db.comment.findMany({ where: { importKey: { in: chunk } }, select: { id: true, postId: true, importKey: true, authorId: true, guestEmailHash: true, importFingerprint: true, status: true } }),
  );
  const removed = new Set((await inChunks(fileKeys, (chunk) => db.removedImport.findMany({ where: { importKey: { in: chunk } }, select: { importKey: true } }))).map((row) => row.importKey));
  const keyedByKey = new Map(keyed.map((row) => [row.importKey!, row]));
  const copies = postId ? await Copies.of(db, postId, new Set(fileKeys)) : null;
  const texts = new Map<string, string>();
  const textOf = (comment: ImportedComment) => {
    let text = texts.get(comment.key);
    if (text === undefined) texts.set(comment.key, (text = comparableText(comment.body)));
    return text;
  };
  // A comment's fingerprint names the post it is stored on: this one, but for a comment imported
  // before onto another post.
  const fingerprintOn = (storedOn: string, comment: ImportedComment) => importFingerprint(storedOn, comment.authorName, comment.createdAt, textOf(comment));
  const fingerprintOf = (comment: ImportedComment) => fingerprintOn(postId!, comment);

  // First what each comment is: gone, here under its key, here as a copy, or new.
  const outcomes = new Map<string, Outcome>();
  const ordered = parentsFirst(imported.comments);
  for (const comment of ordered) {
    const already = keyedByKey.get(comment.key);
    const copy = removed.has(comment.key) || already ? null : copies?.take(comment, textOf);
    outcomes.set(comment.key, removed.has(comment.key) ? { kind: "removed" } : already ? { kind: "imported before", ...already } : copy ? { kind: "copy", stored: copy } : { kind: "new" });
  }
  // A new one may still be a comment here under another name (claimed by an account since) or
  // one deleted here: an export under another address brings every comment with a new key. Each
  // stored or removed comment answers for one comment of the file, as copies do.
  const unknown = postId ? ordered.filter((comment) => outcomes.get(comment.key)!.kind === "new") : [];
  if (unknown.length) {
    const fingerprints = unknown.map(fingerprintOf);
    const [here, gone] = await Promise.all([
      inChunks(fingerprints, (chunk) =>
        db.comment.findMany({ where: { postId: postId!, importFingerprint: { in: chunk } }, select: { id: true, importFingerprint: true, deletedAt: true, status: true }, orderBy: { id: "asc" } }),
      ),
      inChunks(fingerprints, (chunk) => db.removedImport.findMany({ where: { fingerprint: { in: chunk } }, select: { fingerprint: true } })),
    ]);
    const hereByFingerprint = new Map<string, typeof here>();
    for (const row of here) hereByFingerprint.set(row.importFingerprint!, [...(hereByFingerprint.get(row.importFingerprint!) ?? []), row]);
    const goneCount = new Map<string, number>();
    for (const row of gone) goneCount.set(row.fingerprint!, (goneCount.get(row.fingerprint!) ?? 0) + 1);
    const taken = new Set(outcomesRows(outcomes));
    unknown.forEach((comment, index) => {
      const fingerprint = fingerprints[index]!;
      const row = hereByFingerprint.get(fingerprint)?.find((candidate) => !taken.has(candidate.id));
      if (row) {
        taken.add(row.id);
        outcomes.set(comment.key, row.deletedAt ? { kind: "removed", id: row.id, status: row.status } : { kind: "same as", id: row.id, status: row.status });
      } else if ((goneCount.get(fingerprint) ?? 0) > 0) {
        goneCount.set(fingerprint, goneCount.get(fingerprint)! - 1);
        outcomes.set(comment.key, { kind: "removed" });
      }
    });
  }
  // Then where each hangs, by what is published here now.
  const statusHere = new Map<string, string>();
  for (const [key, outcome] of outcomes) {
    const row = storedRow(outcome);
    if (row && !elsewhere(outcome, postId)) statusHere.set(key, row.status);
  }
  const placed = placeComments(imported.comments, run.maxDepth, statusHere);

  const idByKey = new Map<string, string>();
  for (const { comment, parentKey } of placed) {
    const outcome = outcomes.get(comment.key)!;
    const guestEmailHash = write && comment.authorEmail ? guestAddressHash(comment.authorEmail) : null;
    switch (outcome.kind) {
      case "removed":
        summary.skipped.removedHere += 1;
        if (outcome.id) idByKey.set(comment.key, outcome.id);
        break;
      case "imported before": {
        summary.comments.alreadyImported += 1;
        if (!elsewhere(outcome, postId)) idByKey.set(comment.key, outcome.id);
        if (!write || !postId) break;
        // A new site secret changed every hash (an unclaimed guest's is brought up to date), and
        // comments imported before fingerprints existed get theirs.
        const refreshed = {
          ...(!outcome.authorId && guestEmailHash && outcome.guestEmailHash !== guestEmailHash ? { guestEmailHash } : {}),
          ...(outcome.importFingerprint ? {} : { importFingerprint: fingerprintOn(outcome.postId, comment) }),
        };
        if (Object.keys(refreshed).length) await write.comment.update({ where: { id: outcome.id }, data: refreshed });
        break;
      }
      case "same as":
        summary.comments.matched += 1;
        idByKey.set(comment.key, outcome.id);
        break;
      case "copy": {
        const copy = outcome.stored;
        summary.comments.matched += 1;
        idByKey.set(comment.key, copy.id);
        if (!write) break;
        await write.comment.update({
          where: { id: copy.id },
          data: {
            // A comment imported before from another file keeps the key it came with.
            ...(copy.importKey ? {} : { importKey: comment.key, importFingerprint: fingerprintOf(comment) }),
            ...(hasMadeUpTime(copy) ? realTime(copy, comment.createdAt) : {}),
            ...(copy.authorId ? {} : { guestEmailHash }),
          },
        });
        break;
      }
      case "new": {
        summary.comments.created += 1;
        if (!write) break;
        const body = truncate(comment.body, COMMENT_MAX);
        const created = await write.comment.create({
          data: {
            postId: postId!,
            guestName: truncate(comment.authorName, NAME_MAX),
            guestEmailHash,
            parentId: parentKey ? (idByKey.get(parentKey) ?? null) : null,
            body,
            ...commentRendering(body),
            status: comment.status,
            decidedAt: comment.status === "PENDING" ? null : comment.createdAt,
            importKey: comment.key,
            importFingerprint: fingerprintOf(comment),
            createdAt: comment.createdAt,
          },
          select: { id: true },
        });
        idByKey.set(comment.key, created.id);
      }
    }
  }
}

/**
 * Stores what an export held, recognising what the site already has: posts by address (then by
 * title and day), comments by their import key, and else by content (post, author, minute and
 * text), so neither a second run nor the seeded copy of a post's responses adds duplicates, and
 * a comment deleted here since an earlier import stays deleted. Guests keep their names without
 * accounts; their addresses are kept only as keyed hashes. Each post is one transaction. With
 * `dryRun` the same summary is computed and nothing is written.
 */
export async function importBundle(db: Database, bundle: ImportBundle, { dryRun = false } = {}): Promise<ImportSummary> {
  const run: Run = {
    summary: { dryRun, posts: { created: 0, matched: 0 }, comments: { created: 0, matched: 0, alreadyImported: 0 }, skipped: { ...bundle.skipped, removedHere: 0 } },
    write: !dryRun,
    createdSlugs: new Set(),
    createdPostIds: new Set(),
    postsTaken: new Set(),
    maxDepth: (await readSettings(db)).maxReplyDepth,
  };
  for (const imported of bundle.posts) {
    if (dryRun) await importPost(db, imported, run);
    else await db.$transaction((tx) => importPost(tx, imported, run), { timeout: 120_000 });
  }
  return run.summary;
}
