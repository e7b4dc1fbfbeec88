import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";
import { guestAddressHash } from "@/app/_lib/users/guest-address";

/**
 * The hash under which imported guest comments from this reader's address are kept, only once
 * the account has proved it owns the address: anyone can register with someone else's.
 */
async function verifiedAddressHash(viewer: Viewer | null): Promise<string | null> {
  if (!viewer) return null;
  const user = await db.user.findFirst({ where: { id: viewer.id, deletedAt: null, status: { not: "BANNED" } }, select: { email: true, emailVerified: true } });
  return user?.emailVerified ? guestAddressHash(user.email) : null;
}

/**
 * Published and pending comments only: the old site never checked a guest's address, so spam or
 * trash written under it says nothing about this reader and must not land on their record.
 */
const CLAIMABLE = { in: ["APPROVED" as const, "PENDING" as const] };

/** How many comments written as a guest from the reader's verified address wait to be claimed. */
export async function countClaimableComments(viewer: Viewer | null): Promise<number> {
  const guestEmailHash = await verifiedAddressHash(viewer);
  return guestEmailHash ? db.comment.count({ where: { guestEmailHash, authorId: null, status: CLAIMABLE } }) : 0;
}

export type ClaimResult = { ok: false } | { ok: true; claimed: number; posts: { slug: string; visible: boolean }[] };

/**
 * Moves those comments to the account: they show its name from now on, and the guest's name and
 * address hash are gone. A comment moves once, whichever of two claims at the same moment wins.
 */
export async function claimComments(viewer: Viewer | null): Promise<ClaimResult> {
  const guestEmailHash = await verifiedAddressHash(viewer);
  if (!viewer || !guestEmailHash) return { ok: false };
  return db.$transaction(async (tx) => {
    const rows = await tx.comment.findMany({ where: { guestEmailHash, authorId: null, status: CLAIMABLE }, select: { status: true, post: { select: { slug: true } } } });
    // The same condition, not a list of ids: a prolific guest's thousands of comments would be
    // more parameters than SQLite takes in one statement.
    const { count } = await tx.comment.updateMany({
      where: { guestEmailHash, authorId: null, status: CLAIMABLE },
      data: { authorId: viewer.id, guestName: null, guestEmailHash: null },
    });
    const posts = new Map<string, boolean>();
    for (const row of rows) posts.set(row.post.slug, (posts.get(row.post.slug) ?? false) || row.status === "APPROVED");
    return { ok: true, claimed: count, posts: [...posts].map(([slug, visible]) => ({ slug, visible })) };
  });
}
