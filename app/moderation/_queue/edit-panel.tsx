"use client";

import { useState, useTransition } from "react";
import { editAsModeratorAction } from "@/app/_lib/actions/moderation";
import type { QueueItemView } from "@/app/_lib/moderation/queue-view";

type Props = { item: QueueItemView; onDone: (saved?: { bodyHtml: string; body: string; revision: number }) => void };

/** A moderator's edit of a comment's text (e.g. to take out personal data), with a reason. */
export function EditPanel({ item, onDone }: Props) {
  const [body, setBody] = useState(item.body);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  return (
    <form
      className="form"
      aria-label={`Edit comment by ${item.authorName}`}
      onSubmit={(event) => {
        event.preventDefault();
        startSaving(async () => {
          const result = await editAsModeratorAction({ commentId: item.id, body, reason: reason || undefined });
          if (result.ok && result.bodyHtml !== undefined && result.revision !== undefined) onDone({ bodyHtml: result.bodyHtml, body, revision: result.revision });
          else if (!result.ok) setError(result.message);
        });
      }}
    >
      <div className="field">
        <label htmlFor={`edit-${item.id}`}>Comment text</label>
        <textarea id={`edit-${item.id}`} rows={6} value={body} onChange={(event) => setBody(event.target.value)} aria-describedby={`edit-error-${item.id}`} />
        <p id={`edit-error-${item.id}`} className="field-error" aria-live="polite">
          {error}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`edit-reason-${item.id}`}>Reason for the edit (optional)</label>
        <input id={`edit-reason-${item.id}`} type="text" maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? "Saving…" : "Save edit"}
        </button>
        <button type="button" className="button button--quiet" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
