"use client";

import { useEffect, useRef, useState } from "react";

const OTHER = "other";

type Props = { commentId: string; authorName: string; reasons: string[]; onReject: (reason?: string) => void; onCancel: () => void };

/** The saved reasons admins keep in the settings, "Other" for a typed one, or none at all. */
export function RejectPanel({ commentId, authorName, reasons, onReject, onCancel }: Props) {
  // Options are told apart by place, so a saved reason can be any text, "other" included.
  const [preset, setPreset] = useState("");
  const [other, setOther] = useState("");
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => select.current?.focus(), []);
  const reason = preset === OTHER ? other.trim() : preset === "" ? "" : (reasons[Number(preset)] ?? "");
  return (
    <form
      className="form reject-panel"
      aria-label={`Reject comment by ${authorName}`}
      onSubmit={(event) => {
        event.preventDefault();
        onReject(reason || undefined);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <div className="field">
        <label htmlFor={`reason-${commentId}`}>Reason shown to the author (optional)</label>
        <select ref={select} id={`reason-${commentId}`} value={preset} onChange={(event) => setPreset(event.target.value)}>
          <option value="">No reason</option>
          {reasons.map((text, index) => (
            <option key={index} value={String(index)}>
              {text}
            </option>
          ))}
          <option value={OTHER}>Other…</option>
        </select>
      </div>
      {preset === OTHER && (
        <div className="field">
          <label htmlFor={`reason-other-${commentId}`}>Other reason</label>
          <input id={`reason-other-${commentId}`} type="text" maxLength={500} value={other} onChange={(event) => setOther(event.target.value)} />
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button">
          Reject comment
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
