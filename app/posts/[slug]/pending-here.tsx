import Link from "next/link";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { pendingOnPost } from "@/app/_lib/moderation/post-queues";

/** For moderators: how many of this post's comments wait for review, and its queue. */
export async function PendingHere({ viewer, slug, postId }: { viewer: Viewer | null; slug: string; postId: string }) {
  const pending = await pendingOnPost(viewer, postId);
  if (pending === 0) return null;
  return (
    <p className="notice">
      {pending === 1 ? "1 comment on this post awaits review" : `${pending} comments on this post await review`}: shown below marked as pending, with the oldest new ones at the end.{" "}
      <Link prefetch={false} href={`/moderation?post=${slug}`}>Open this post&apos;s queue</Link>
    </p>
  );
}
