"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { idleState } from "@/app/_lib/actions/form-state";
import { updateUser } from "@/app/_lib/actions/users";

type Props = {
  userId: string;
  operation: "ban" | "suspend" | "reinstate" | "premoderate" | "trusted" | "role";
  title: string;
  submitLabel: string;
  checked?: boolean;
  role?: string;
};

export function UserActionForm({ userId, operation, title, submitLabel, checked, role }: Props) {
  const [state, formAction, pending] = useActionState(updateUser, idleState);
  const errors = state.errors ?? {};
  const id = (field: string) => `${operation}-${field}`;
  return (
    <form action={formAction} className="form user-action" aria-label={title} noValidate>
      <h3>{title}</h3>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="operation" value={operation} />
      {operation === "suspend" && (
        <div className="field">
          <label htmlFor={id("until")}>Suspended until</label>
          <input id={id("until")} name="until" type="date" key={`until-${state.attempt}`} defaultValue={state.values?.until} aria-invalid={Boolean(errors.until)} aria-describedby={id("until-error")} />
          <FieldError id={id("until-error")} errors={errors.until} />
        </div>
      )}
      {(operation === "premoderate" || operation === "trusted") && (
        <div className="field--inline">
          <input id={id("value")} name="value" type="checkbox" defaultChecked={checked} />
          <label htmlFor={id("value")}>{operation === "premoderate" ? "Hold every comment from this user" : "Approve this user's comments unless a rule holds them"}</label>
        </div>
      )}
      {operation === "role" && (
        <div className="field">
          <label htmlFor={id("role")}>New role</label>
          <select id={id("role")} name="role" defaultValue={role}>
            <option value="READER">Reader</option>
            <option value="MODERATOR">Moderator</option>
            <option value="ADMIN">Admin</option>
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={id("reason")}>Reason for {title.toLowerCase()}</label>
        <input id={id("reason")} name="reason" type="text" maxLength={500} key={`reason-${state.attempt}`} defaultValue={state.status === "error" ? state.values?.reason : ""} aria-invalid={Boolean(errors.reason)} aria-describedby={id("reason-error")} />
        <FieldError id={id("reason-error")} errors={errors.reason} />
      </div>
      <div aria-live="polite">{state.message && <p className={state.status === "success" ? "form-success" : "form-error"}>{state.message}</p>}</div>
      <button type="submit" className="button" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
