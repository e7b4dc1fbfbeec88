"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { idleState } from "@/app/_lib/actions/form-state";
import { publishTerms } from "@/app/_lib/actions/terms";

export function TermsEditor({ initialBody, today }: { initialBody: string; today: string }) {
  const [state, formAction, pending] = useActionState(publishTerms, idleState);
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="form" noValidate>
      <div className="field">
        <label htmlFor="terms-body">Text of the terms (Markdown)</label>
        <textarea
          id="terms-body"
          name="body"
          rows={20}
          key={`body-${state.attempt}`}
          defaultValue={state.values?.body ?? initialBody}
          aria-invalid={Boolean(errors.body)}
          aria-describedby="terms-body-error"
        />
        <FieldError id="terms-body-error" errors={errors.body} />
      </div>
      <div className="field">
        <label htmlFor="terms-effective">Effective from</label>
        <input
          id="terms-effective"
          name="effectiveAt"
          type="date"
          key={`date-${state.attempt}`}
          defaultValue={state.values?.effectiveAt ?? today}
          aria-invalid={Boolean(errors.effectiveAt)}
          aria-describedby="terms-effective-error"
        />
        <FieldError id="terms-effective-error" errors={errors.effectiveAt} />
      </div>
      <div aria-live="polite">{state.message && <p className={state.status === "success" ? "form-success" : "form-error"}>{state.message}</p>}</div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Publishing…" : "Publish new version"}
      </button>
    </form>
  );
}
