"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { decide, undo } from "@/app/_lib/actions/moderation";
import type { Decision } from "@/app/_lib/moderation/decide";
import { UNDO_WINDOW_MS } from "@/app/_lib/schemas/limits";
import { RejectPanel } from "@/app/_components/reject-panel";

type Props = { commentId: string; revision: number; authorName: string; reasons: string[] };
type Decided = { message: string; eventIds: string[]; until: number };

const DONE: Partial<Record<Decision, string>> = { APPROVE: "Approved: readers see it now.", REJECT: "Rejected.", SPAM: "Marked as spam." };
// The browser hears of a decision a moment after the server made it, so its Undo closes earlier.
const UNDO_MARGIN_MS = 1_000;

/** A moderator's Approve / Reject / Spam on a pending comment, where it stands in the thread. */
export function ModerateInPlace({ commentId, revision, authorName, reasons }: Props) {
  const router = useRouter();
  const [rejecting, setRejecting] = useState(false);
  const [decided, setDecided] = useState<Decided | null>(null);
  const [message, setMessage] = useState("");
  const [busy, startTransition] = useTransition();

  // Once the decision can no longer be undone, the thread is drawn again as readers now see it.
  useEffect(() => {
    if (!decided) return;
    const timer = setTimeout(() => router.refresh(), Math.max(0, decided.until - Date.now()));
    return () => clearTimeout(timer);
  }, [decided, router]);

  const apply = (decision: Decision, reason?: string) =>
    startTransition(async () => {
      setRejecting(false);
      const result = await decide({ commentId, decision, expectedStatus: "PENDING", expectedRevision: revision, reason });
      if (result.ok) setDecided({ message: DONE[decision] ?? "Done.", eventIds: result.eventIds ?? [], until: Date.now() + UNDO_WINDOW_MS - UNDO_MARGIN_MS });
      else if (result.changed) {
        // Edited since this page was drawn: read the new text first.
        setMessage(result.message);
        router.refresh();
      } else setMessage(result.message);
    });

  const takeBack = (action: Decided) =>
    startTransition(async () => {
      const result = await undo({ eventIds: action.eventIds });
      setDecided(null);
      setMessage(result.ok ? "Undone: the comment is pending again." : result.message);
    });

  return (
    <div className="moderate-in-place" role="group" aria-label={`Moderate comment by ${authorName}`}>
      {decided ? (
        <>
          <p role="status">{decided.message}</p>
          {decided.eventIds.length > 0 && (
            <button type="button" className="button button--quiet" disabled={busy} onClick={() => takeBack(decided)}>
              Undo
            </button>
          )}
        </>
      ) : rejecting ? (
        <RejectPanel commentId={commentId} authorName={authorName} reasons={reasons} onReject={(reason) => apply("REJECT", reason)} onCancel={() => setRejecting(false)} />
      ) : (
        <>
          <button type="button" className="button" disabled={busy} onClick={() => apply("APPROVE")}>
            Approve
          </button>
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => setRejecting(true)}>
            Reject
          </button>
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => apply("SPAM")}>
            Spam
          </button>
          <p role="status" className="moderate-in-place__message">
            {message}
          </p>
        </>
      )}
    </div>
  );
}
