"use client";

type Props = { message: string; undoable: boolean; undoing: boolean; onUndo: () => void };

/**
 * What the last action did, announced to screen readers, with Undo beside it while the decision
 * can still be taken back (the key `z` does the same).
 */
export function UndoNotice({ message, undoable, undoing, onUndo }: Props) {
  return (
    <div className="undo-notice">
      <p role="status" aria-live="polite">
        {message}
      </p>
      {undoable && (
        <button type="button" className="button button--quiet" onClick={onUndo} disabled={undoing} aria-keyshortcuts="z">
          Undo
        </button>
      )}
    </div>
  );
}
