"use client";

import { useActionState } from "react";
import { savePreferences } from "@/app/_lib/actions/account";
import { idleState } from "@/app/_lib/actions/form-state";
import { FieldError } from "@/app/_components/field-error";

type Props = { preferences: { notifyOnDecision: boolean; moderatorAlerts: "NONE" | "EACH" | "DAILY" }; moderator: boolean };

export function PreferencesForm({ preferences, moderator }: Props) {
  const [state, action, pending] = useActionState(savePreferences, idleState);
  return (
    <form action={action} aria-label="Email settings" className="form">
      <div className="field field--inline">
        <input id="pref-decisions" name="notifyOnDecision" type="checkbox" value="true" defaultChecked={preferences.notifyOnDecision} />
        <label htmlFor="pref-decisions">Email me when a moderator publishes or rejects my comment</label>
      </div>
      <p className="hint">Emails about replies follow the &ldquo;Notify me of follow-up comments&rdquo; box on each comment; every email has its own unsubscribe link.</p>
      {moderator && (
        <fieldset className="field" aria-describedby="pref-alerts-error">
          <legend>Comments waiting for review</legend>
          {(
            [
              ["NONE", "No email"],
              ["EACH", "An email for each new comment"],
              ["DAILY", "A daily digest"],
            ] as const
          ).map(([value, label]) => (
            <div key={value} className="field--inline">
              <input id={`pref-alerts-${value}`} name="moderatorAlerts" type="radio" value={value} defaultChecked={preferences.moderatorAlerts === value} />
              <label htmlFor={`pref-alerts-${value}`}>{label}</label>
            </div>
          ))}
          <FieldError id="pref-alerts-error" errors={state.errors?.moderatorAlerts} />
        </fieldset>
      )}
      <div aria-live="polite" aria-atomic="true">
        {state.message && <p className={state.status === "error" ? "form-error" : "form-success"}>{state.message}</p>}
      </div>
      <button type="submit" className="button" disabled={pending}>
        Save email settings
      </button>
    </form>
  );
}
