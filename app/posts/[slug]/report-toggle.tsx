"use client";

import { useActionState, useId, useState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { idleState } from "@/app/_lib/actions/form-state";
import { reportComment } from "@/app/_lib/actions/reports";

const REASONS = [
  ["SPAM", "Spam"],
  ["ABUSE", "Abuse"],
  ["OFF_TOPIC", "Off-topic"],
  ["MEDICAL_MISINFORMATION", "Medical misinformation"],
  ["OTHER", "Other"],
] as const;

export function ReportToggle({ commentId, authorName }: { commentId: string; authorName: string }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(reportComment, idleState);
  const id = useId();
  const errors = state.errors ?? {};

  if (state.status === "success") return <p className="form-success" role="status">{state.message}</p>;
  if (!open) {
    return (
      <button type="button" className="link-button" aria-label={`Report comment by ${authorName}`} onClick={() => setOpen(true)}>
        Report
      </button>
    );
  }
  return (
    <form action={formAction} className="form" aria-label={`Report comment by ${authorName}`} noValidate>
      <input type="hidden" name="commentId" value={commentId} />
      <div className="field">
        <label htmlFor={`${id}-reason`}>Why are you reporting this comment?</label>
        <select id={`${id}-reason`} name="reason" key={`reason-${state.attempt}`} defaultValue={state.values?.reason ?? ""} aria-describedby={`${id}-reason-error`} aria-invalid={Boolean(errors.reason)}>
          <option value="" disabled>
            Choose a reason
          </option>
          {REASONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-reason-error`} errors={errors.reason} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Details (optional, required for Other)</label>
        <textarea id={`${id}-text`} name="text" rows={3} maxLength={1000} key={`text-${state.attempt}`} defaultValue={state.values?.text} aria-describedby={`${id}-text-error`} aria-invalid={Boolean(errors.text)} />
        <FieldError id={`${id}-text-error`} errors={errors.text} />
      </div>
      <div aria-live="polite">{state.message && <p className="form-error">{state.message}</p>}</div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          Send report
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
