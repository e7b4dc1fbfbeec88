"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { idleState } from "@/app/_lib/actions/form-state";
import { saveSettings } from "@/app/_lib/actions/settings";
import type { Settings } from "@/app/_lib/settings/schema";

const NUMBERS = [
  ["maxLinks", "Links allowed before a comment is held"],
  ["commentIntervalSeconds", "Seconds a reader must wait between comments"],
  ["maxReplyDepth", "How deep replies may nest"],
  ["duplicateWindowMinutes", "Minutes in which an identical comment is refused"],
  ["closeCommentsAfterDays", "Close comments on posts older than this many days (0 = never)"],
  ["spamThresholdPercent", "Send comments the spam filter rates at least this likely spam (%) straight to Spam (0 = never)"],
  ["minSecondsToComment", "Seconds between showing the comment form and posting (quicker posts go to Spam as a bot's)"],
] as const;

export function SettingsForm({ settings }: { settings: Settings }) {
  const [state, formAction, pending] = useActionState(saveSettings, idleState);
  const errors = state.errors ?? {};
  const value = (field: keyof Settings) => (state.status === "error" ? state.values?.[field] : undefined);
  return (
    <form action={formAction} className="form" noValidate>
      <fieldset>
        <legend>Automatic moderation</legend>
        <div className="field">
          <label htmlFor="blocklist">Blocklist: words or phrases that send a comment to Spam (one per line)</label>
          <textarea id="blocklist" name="blocklist" rows={4} key={`b-${state.attempt}`} defaultValue={value("blocklist") ?? settings.blocklist.join("\n")} aria-describedby="blocklist-error" />
          <FieldError id="blocklist-error" errors={errors.blocklist} />
        </div>
        <div className="field">
          <label htmlFor="holdWords">Hold words: words or phrases that always hold a comment (one per line)</label>
          <textarea id="holdWords" name="holdWords" rows={4} key={`h-${state.attempt}`} defaultValue={value("holdWords") ?? settings.holdWords.join("\n")} aria-describedby="holdWords-error" />
          <FieldError id="holdWords-error" errors={errors.holdWords} />
        </div>
        <div className="field--inline">
          <input id="holdFirstComment" name="holdFirstComment" type="checkbox" defaultChecked={settings.holdFirstComment} />
          <label htmlFor="holdFirstComment">Always hold a reader&apos;s first comment</label>
        </div>
        <div className="field--inline">
          <input id="requirePreviousApproval" name="requirePreviousApproval" type="checkbox" defaultChecked={settings.requirePreviousApproval} />
          <label htmlFor="requirePreviousApproval">
            Comment author must have a previously approved comment (when off, authors with an approved comment and no flags are approved automatically)
          </label>
        </div>
        <div className="field--inline">
          <input id="unverifiedMayComment" name="unverifiedMayComment" type="checkbox" defaultChecked={settings.unverifiedMayComment} />
          <label htmlFor="unverifiedMayComment">
            Readers who have not verified their email address may comment (their comments are held for a moderator; when off, they must verify first)
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Rejection reasons</legend>
        <div className="field">
          <label htmlFor="rejectionReasons">Reasons moderators can choose when rejecting a comment (one per line; they may always type another)</label>
          <textarea
            id="rejectionReasons"
            name="rejectionReasons"
            rows={6}
            key={`r-${state.attempt}`}
            defaultValue={value("rejectionReasons") ?? settings.rejectionReasons.join("\n")}
            aria-invalid={Boolean(errors.rejectionReasons)}
            aria-describedby="rejectionReasons-error"
          />
          <FieldError id="rejectionReasons-error" errors={errors.rejectionReasons} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Limits</legend>
        {NUMBERS.map(([field, label]) => (
          <div className="field" key={field}>
            <label htmlFor={field}>{label}</label>
            <input id={field} name={field} type="number" inputMode="numeric" key={`${field}-${state.attempt}`} defaultValue={value(field) ?? settings[field]} aria-invalid={Boolean(errors[field])} aria-describedby={`${field}-error`} />
            <FieldError id={`${field}-error`} errors={errors[field]} />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Sign-in</legend>
        <div className="field--inline">
          <input id="requireTwoFactorForStaff" name="requireTwoFactorForStaff" type="checkbox" defaultChecked={settings.requireTwoFactorForStaff} />
          <label htmlFor="requireTwoFactorForStaff">Require two-factor for moderators and admins (until they set it up on their account page, they cannot moderate)</label>
        </div>
      </fieldset>
      <div aria-live="polite">{state.message && <p className={state.status === "success" ? "form-success" : "form-error"}>{state.message}</p>}</div>
      <button type="submit" className="button" disabled={pending}>
        Save settings
      </button>
    </form>
  );
}
