"use client";

import Link from "next/link";
import { memo } from "react";
import type { Decision } from "@/app/_lib/moderation/decide";
import type { Tab } from "@/app/_lib/moderation/queue";
import type { QueueItemView } from "@/app/_lib/moderation/queue-view";
import { EditPanel } from "./edit-panel";
import { BUTTON_LABEL, decisionsFor, plural, REPORT_REASONS } from "./labels";
import { RejectPanel } from "@/app/_components/reject-panel";

/**
 * What a comment in the list can ask of the queue. One object for the whole list, the same on
 * every render, so that a decision draws again only the comments whose own props changed.
 */
export type QueueItemHandlers = {
  register: (id: string, element: HTMLElement | null) => void;
  focus: (item: QueueItemView) => void;
  toggle: (item: QueueItemView) => void;
  decide: (item: QueueItemView, decision: Decision, reason?: string) => void;
  startReject: (item: QueueItemView) => void;
  cancelReject: () => void;
  dismissReports: (item: QueueItemView) => void;
  startEdit: (item: QueueItemView) => void;
  edited: (item: QueueItemView, saved?: { bodyHtml: string; body: string; revision: number }) => void;
};

type Props = {
  item: QueueItemView;
  tab: Tab;
  active: boolean;
  selected: boolean;
  rejecting: boolean;
  editing: boolean;
  reasons: string[];
  handlers: QueueItemHandlers;
};

/** One comment in the queue: who wrote it, where, what it answers, and what can be done with it. */
// Its links are not prefetched: every comment brought into view would otherwise fetch its post's
// page while the moderator is deciding, for a link a moderator seldom follows.
export const QueueItem = memo(function QueueItem({ item, tab, active, selected, rejecting, editing, reasons, handlers }: Props) {
  const onDecide = (decision: Decision, reason?: string) => handlers.decide(item, decision, reason);
  return (
    <article
      ref={(element) => handlers.register(item.id, element)}
      tabIndex={-1}
      data-comment={item.id}
      aria-label={`Comment by ${item.authorName} on ${item.postTitle}`}
      className={active ? "queue-item queue-item--active" : "queue-item"}
      onFocus={() => handlers.focus(item)}
    >
      <div className="queue-item__head">
        <input type="checkbox" aria-label={`Select comment by ${item.authorName}`} checked={selected} onChange={() => handlers.toggle(item)} />
        <div>
          <p className="queue-item__author">
            <strong>{item.authorName}</strong>
            {item.authorEmail && <span className="queue-item__email"> · {item.authorEmail}</span>}
          </p>
          <p className="queue-item__meta">
            {item.accountAge && <span title={`Joined ${item.accountCreatedAt}`}>Account age {item.accountAge} · </span>}
            {plural(item.approvedBefore, "approved comment")}
            {" · "}on <Link href={`/posts/${item.postSlug}`} prefetch={false}>{item.postTitle}</Link>
            {" · "}
            <time dateTime={item.createdAt} title={item.createdExact}>
              {item.createdLabel}
            </time>
            {item.termsVersion !== null && <> · terms v{item.termsVersion}</>}
            {item.edited && <> · edited</>}
          </p>
        </div>
      </div>
      {item.heldReason && <p className="queue-item__held">{item.heldReason}</p>}
      {item.spamScore !== null && <p className="queue-item__meta">Spam score: {Math.floor(item.spamScore * 100)}%</p>}
      {item.parentExcerpt && <p className="queue-item__parent">In reply to: “{item.parentExcerpt}”</p>}
      {editing ? <EditPanel item={item} onDone={(saved) => handlers.edited(item, saved)} /> : <div className="comment__body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />}
      {item.rejectionReason && <p className="queue-item__meta">Rejection reason: {item.rejectionReason}</p>}
      {item.decidedBy && item.status !== "PENDING" && <p className="queue-item__meta">Decided by {item.decidedBy}</p>}
      {item.reports.length > 0 && (
        <ul className="queue-item__reports" aria-label="Reports">
          {item.reports.map((report, position) => (
            <li key={position}>
              {REPORT_REASONS[report.reason] ?? report.reason}
              {report.text && <>: “{report.text}”</>} (by {report.reporter}, {report.createdAt})
            </li>
          ))}
        </ul>
      )}
      {rejecting ? (
        <RejectPanel commentId={item.id} authorName={item.authorName} reasons={reasons} onReject={(reason) => onDecide("REJECT", reason)} onCancel={handlers.cancelReject} />
      ) : (
        <div className="queue-item__actions">
          {tab === "reported" && (
            <button type="button" className="button button--quiet" onClick={() => handlers.dismissReports(item)}>
              Dismiss reports
            </button>
          )}
          {decisionsFor(item, tab).map((decision) => (
            <button key={decision} type="button" className={decision === "APPROVE" ? "button" : "button button--quiet"} onClick={() => (decision === "REJECT" ? handlers.startReject(item) : onDecide(decision))}>
              {BUTTON_LABEL[decision]}
            </button>
          ))}
          <button type="button" className="link-button" onClick={() => handlers.startEdit(item)}>
            Edit
          </button>
        </div>
      )}
    </article>
  );
});
