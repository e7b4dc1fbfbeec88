"use client";

import Link from "next/link";
import type { AuthorRecord, CommentContext } from "@/app/_lib/moderation/context";
import { UserActionForm } from "../users/[id]/user-action-form";
import { plural, REPORT_REASONS, STATUS_LABEL } from "./labels";

export type ContextState = { status: "loading" } | { status: "failed"; message: string } | { status: "ready"; context: CommentContext };

const COUNTED = [
  ["APPROVED", "Approved"],
  ["REJECTED", "Rejected"],
  ["SPAM", "Spam"],
  ["PENDING", "Pending"],
] as const;

type Props = { state: ContextState | null; viewer: { id: string; isAdmin: boolean } };

function standingText(standing: AuthorRecord["standing"]): string {
  const parts = [standing.status === "BANNED" ? "banned" : standing.suspendedUntil ? `suspended until ${standing.suspendedUntil}` : "in good standing"];
  if (standing.alwaysPremoderate) parts.push("pre-moderated");
  if (standing.trusted) parts.push("trusted");
  return parts.join(", ");
}

function AuthorPanel({ author, viewer }: { author: AuthorRecord; viewer: Props["viewer"] }) {
  const canAct = author.id !== viewer.id && (viewer.isAdmin || author.role === "READER");
  return (
    <section aria-labelledby="context-author" className="context-panel__section">
      <h3 id="context-author">{author.name}</h3>
      <p>
        {author.role === "READER" ? "Reader" : author.role === "MODERATOR" ? "Moderator" : "Administrator"} · account age {author.accountAge} (joined <time dateTime={author.joinedAt}>{author.joined}</time>)
      </p>
      <p>
        Standing: <strong>{standingText(author.standing)}</strong>
        {author.standing.reason && <> ({author.standing.reason})</>}
      </p>
      <dl className="context-panel__counts">
        {COUNTED.map(([status, label]) => (
          <div key={status}>
            <dt>{label}</dt>
            <dd>{author.counts[status]}</dd>
          </div>
        ))}
      </dl>
      <h4>Last comments</h4>
      <ul className="context-panel__recent">
        {author.recent.map((comment) => (
          <li key={comment.id}>
            <strong>{STATUS_LABEL[comment.status]}</strong>
            {comment.decidedBy && <> by {comment.decidedBy}</>}
            {comment.rejectionReason && <> ({comment.rejectionReason})</>}, {comment.when} on {comment.postTitle}: “{comment.excerpt}”
          </li>
        ))}
      </ul>
      <h4>Reports against them</h4>
      {author.reports.total === 0 ? (
        <p>None.</p>
      ) : (
        <>
          <p>
            {plural(author.reports.total, "report")}, {author.reports.open} open.
          </p>
          <ul className="context-panel__recent">
            {author.reports.latest.map((report, index) => (
              <li key={index}>
                {REPORT_REASONS[report.reason] ?? report.reason}
                {report.text && <>: “{report.text}”</>}, {report.when}, on “{report.excerpt}”
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link href={`/moderation/users/${author.id}`} prefetch={false}>Open {author.name}&apos;s account</Link>
      </p>
      {canAct && (
        <details className="context-panel__actions">
          <summary>Act on this account</summary>
          <UserActionForm key={`p-${author.id}`} userId={author.id} operation="premoderate" title="Always pre-moderate" submitLabel="Save pre-moderation" checked={author.standing.alwaysPremoderate} />
          <UserActionForm key={`t-${author.id}`} userId={author.id} operation="trusted" title="Trusted" submitLabel="Save trust" checked={author.standing.trusted} />
          <UserActionForm key={`s-${author.id}`} userId={author.id} operation="suspend" title="Suspend until" submitLabel="Suspend" />
          {author.standing.status !== "BANNED" && <UserActionForm key={`b-${author.id}`} userId={author.id} operation="ban" title="Ban" submitLabel="Ban" />}
          {author.standing.status !== "ACTIVE" && <UserActionForm key={`r-${author.id}`} userId={author.id} operation="reinstate" title="Reinstate" submitLabel="Reinstate" />}
        </details>
      )}
    </section>
  );
}

/** Beside the active comment: what it answers, where it sits, and its author's record. */
export function ContextPanel({ state, viewer }: Props) {
  return (
    <aside className="context-panel" aria-label="Context of the selected comment">
      <h2>Context</h2>
      {!state ? (
        <p>Select a comment to see what it answers and who wrote it.</p>
      ) : state.status === "loading" ? (
        <p aria-busy="true">Loading…</p>
      ) : state.status === "failed" ? (
        <p className="form-error">{state.message}</p>
      ) : (
        <>
          <section aria-labelledby="context-place" className="context-panel__section">
            <h3 id="context-place">
              On <Link href={`/posts/${state.context.post.slug}`} prefetch={false}>{state.context.post.title}</Link>
            </h3>
            {state.context.parent ? (
              <div className="context-panel__parent">
                <p>
                  In reply to {state.context.parent.authorName} ({STATUS_LABEL[state.context.parent.status]}
                  {state.context.parent.deleted ? ", deleted" : ""}), <time dateTime={state.context.parent.at}>{state.context.parent.when}</time>:
                </p>
                {state.context.parent.excerpt && <blockquote>{state.context.parent.excerpt}</blockquote>}
              </div>
            ) : (
              <p>A new comment on the post, not a reply.</p>
            )}
            <p>
              {state.context.threadHref ? (
                <Link href={state.context.threadHref} prefetch={false}>See it in the thread</Link>
              ) : (
                <>Not shown in the thread yet: older comments on this post wait for review first.</>
              )}
            </p>
          </section>
          {state.context.author ? (
            <AuthorPanel author={state.context.author} viewer={viewer} />
          ) : (
            <section aria-labelledby="context-author" className="context-panel__section">
              <h3 id="context-author">{state.context.guestName}</h3>
              <p>A guest without an account (an imported comment).</p>
            </section>
          )}
        </>
      )}
    </aside>
  );
}
