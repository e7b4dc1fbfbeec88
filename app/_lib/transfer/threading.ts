import type { ImportedComment } from "./bundle";

/** Parents before their replies, whatever order the export listed them in; a cycle is cut. */
export function parentsFirst(comments: ImportedComment[]): ImportedComment[] {
  const byKey = new Map(comments.map((comment) => [comment.key, comment]));
  const ordered: ImportedComment[] = [];
  const placed = new Set<string>();
  for (const start of [...comments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    // The chain up to the first placed (or missing) ancestor, placed from the top down.
    const chain: ImportedComment[] = [];
    const onChain = new Set<string>();
    for (let comment: ImportedComment | undefined = start; comment && !placed.has(comment.key) && !onChain.has(comment.key); comment = comment.parentKey ? byKey.get(comment.parentKey) : undefined) {
      chain.push(comment);
      onChain.add(comment.key);
    }
    for (const comment of chain.reverse()) {
      placed.add(comment.key);
      ordered.push(comment);
    }
  }
  return ordered;
}

/**
 * Where each imported comment hangs, so that the page shows every published comment the post
 * counts: a published reply whose parent is not published hangs from its nearest published
 * ancestor (or starts a thread), and a reply deeper than the site shows is placed at the deepest
 * level, beside its parent (as WordPress shows them). Returns the comments in the order to store
 * them (parents first) with each one's parent key.
 */
export function placeComments(
  comments: ImportedComment[],
  maxDepth: number,
  // A comment imported before is published or not as decided here since, whatever the file says.
  statusHere: ReadonlyMap<string, string> = new Map(),
): { comment: ImportedComment; parentKey: string | null }[] {
  const byKey = new Map(comments.map((comment) => [comment.key, comment]));
  const published = (key: string) => (statusHere.get(key) ?? byKey.get(key)!.status) === "APPROVED";
  const parentOf = new Map<string, string | null>();
  const depthOf = new Map<string, number>();
  return parentsFirst(comments).map((comment) => {
    let parentKey = comment.parentKey && parentOf.has(comment.parentKey) ? comment.parentKey : null;
    if (comment.status === "APPROVED") {
      while (parentKey && !published(parentKey)) parentKey = parentOf.get(parentKey)!;
    }
    while (parentKey && depthOf.get(parentKey)! >= maxDepth) parentKey = parentOf.get(parentKey)!;
    parentOf.set(comment.key, parentKey);
    depthOf.set(comment.key, parentKey ? depthOf.get(parentKey)! + 1 : 1);
    return { comment, parentKey };
  });
}
