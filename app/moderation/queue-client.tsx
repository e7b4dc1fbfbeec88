"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { decide, decideMany, dismissReports, editAsModeratorAction } from "@/app/_lib/actions/moderation";
import type { Decision } from "@/app/_lib/moderation/decide";
import type { QueueFilters, QueueItem, Tab } from "@/app/_lib/moderation/queue";
import { PENDING_COUNT_EVENT } from "@/app/_components/pending-badge";
import { REJECTION_REASONS } from "@/app/_lib/schemas/limits";

export type QueueItemView = Omit<QueueItem, "createdAt" | "accountCreatedAt" | "reports"> & {
  createdAt: string;
  createdLabel: string;
  createdExact: string;
  accountAge: string | null;
  accountCreatedAt: string | null;
  reports: { reason: string; text: string | null; reporter: string; createdAt: string }[];
};

type Props = { tab: Tab; items: QueueItemView[]; counts: Record<Tab, number>; filters: QueueFilters; filtersQuery: string; renderedAt: string };

const TAB_LABELS: Record<Tab, string> = { pending: "Pending", reported: "Reported", approved: "Approved", rejected: "Rejected", spam: "Spam", trash: "Trash" };
const DECISION_STATUS: Record<Decision, QueueItem["status"]> = { APPROVE: "APPROVED", REJECT: "REJECTED", SPAM: "SPAM", TRASH: "TRASH", RESTORE: "PENDING" };
const DONE: Record<Decision, string> = { APPROVE: "Approved", REJECT: "Rejected", SPAM: "Marked as spam", TRASH: "Trashed", RESTORE: "Restored to pending" };
const REPORT_REASONS: Record<string, string> = { SPAM: "Spam", ABUSE: "Abuse", OFF_TOPIC: "Off-topic", MEDICAL_MISINFORMATION: "Medical misinformation", OTHER: "Other" };
const POLL_MS = 10_000;

function decisionsFor(item: QueueItemView, tab: Tab): Decision[] {
  if (item.status === "PENDING") return ["APPROVE", "REJECT", "SPAM", "TRASH"];
  if (tab === "reported") return ["REJECT", "SPAM", "TRASH"];
  return ["RESTORE", ...(["APPROVE", "REJECT", "SPAM", "TRASH"] as Decision[]).filter((decision) => DECISION_STATUS[decision] !== item.status)];
}

const BUTTON_LABEL: Record<Decision, string> = { APPROVE: "Approve", REJECT: "Reject", SPAM: "Spam", TRASH: "Trash", RESTORE: "Restore to pending" };

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function QueueClient({ tab, items: initialItems, counts: initialCounts, filters, filtersQuery, renderedAt }: Props) {
  const router = useRouter();
  const [items, setItems] = useState(initialItems);
  const [counts, setCounts] = useState(initialCounts);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(0);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [showHelp, setShowHelp] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [newCount, setNewCount] = useState(0);
  // A decision answers with the new counts; the page's server props change only when the
  // moderator asks for new comments, and the list takes them then, so their place never moves.
  const [source, setSource] = useState({ items: initialItems, counts: initialCounts });
  const [adoptNext, setAdoptNext] = useState(false);
  if (source.items !== initialItems || source.counts !== initialCounts) {
    setSource({ items: initialItems, counts: initialCounts });
    setCounts(initialCounts);
    if (adoptNext) {
      setItems(initialItems);
      setSelected(new Set());
      setNewCount(0);
      setAdoptNext(false);
    }
  }
  const [, startTransition] = useTransition();
  const showCounts = useCallback((result: { counts?: Record<Tab, number>; pending?: number }) => {
    if (result.counts) setCounts(result.counts);
    if (result.pending !== undefined) window.dispatchEvent(new CustomEvent(PENDING_COUNT_EVENT, { detail: result.pending }));
  }, []);
  const articles = useRef(new Map<string, HTMLElement>());
  const pendingFocus = useRef<number | null>(null);

  const focusItem = useCallback((index: number) => {
    const item = items[index];
    if (item) articles.current.get(item.id)?.focus();
  }, [items]);

  useEffect(() => {
    if (pendingFocus.current === null) return;
    const index = Math.min(pendingFocus.current, items.length - 1);
    pendingFocus.current = null;
    if (index >= 0) {
      setActive(index);
      focusItem(index);
    }
  }, [items, focusItem]);

  const removeItems = useCallback((ids: string[]) => {
    const index = items.findIndex((item) => ids.includes(item.id));
    pendingFocus.current = Math.max(index, 0);
    setItems((current) => current.filter((item) => !ids.includes(item.id)));
    setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))));
  }, [items]);

  const applyDecision = useCallback(
    (item: QueueItemView, decision: Decision, reason?: string) => {
      const position = items.findIndex((candidate) => candidate.id === item.id);
      removeItems([item.id]);
      setRejecting(null);
      startTransition(async () => {
        const result = await decide({ commentId: item.id, decision, expectedStatus: item.status, expectedRevision: item.revision, reason, filters });
        if (result.ok) {
          showCounts(result);
          setAnnouncement(`${DONE[decision]}: comment by ${item.authorName}.`);
        } else {
          // Edited since the queue was loaded: it comes back with the text the author wrote since.
          const back = result.changed ? { ...item, bodyHtml: result.changed.bodyHtml, revision: result.changed.revision, edited: true } : item;
          setItems((current) => [...current.slice(0, position), back, ...current.slice(position)]);
          setAnnouncement(result.message);
          if (result.message.startsWith("Already")) setItems((current) => current.filter((candidate) => candidate.id !== item.id));
        }
      });
    },
    [items, removeItems, filters, showCounts],
  );

  const applyBulk = (decision: Decision) => {
    const chosen = items.filter((item) => selected.has(item.id));
    if (chosen.length === 0) return;
    removeItems(chosen.map((item) => item.id));
    startTransition(async () => {
      const result = await decideMany({ items: chosen.map((item) => ({ commentId: item.id, expectedStatus: item.status, expectedRevision: item.revision })), decision, filters });
      if (result.ok) {
        showCounts(result);
        setAnnouncement(`${DONE[decision]}: ${chosen.length} comment${chosen.length === 1 ? "" : "s"}.`);
      } else {
        setItems(initialItems.filter((item) => items.some((current) => current.id === item.id)));
        setSelected(new Set(chosen.map((item) => item.id)));
        setAnnouncement(result.message);
      }
    });
  };

  const dismiss = (item: QueueItemView) => {
    removeItems([item.id]);
    startTransition(async () => {
      const result = await dismissReports({ commentId: item.id, filters });
      if (result.ok) {
        showCounts(result);
        setAnnouncement(`Reports dismissed: comment by ${item.authorName} stays published.`);
      } else setAnnouncement(result.message);
    });
  };

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const item = items[active];
      switch (event.key) {
        case "j":
          event.preventDefault();
          setActive(Math.min(active + 1, items.length - 1));
          focusItem(Math.min(active + 1, items.length - 1));
          break;
        case "k":
          event.preventDefault();
          setActive(Math.max(active - 1, 0));
          focusItem(Math.max(active - 1, 0));
          break;
        case "a":
          if (item && decisionsFor(item, tab).includes("APPROVE")) applyDecision(item, "APPROVE");
          break;
        case "s":
          if (item && decisionsFor(item, tab).includes("SPAM")) applyDecision(item, "SPAM");
          break;
        case "r":
          if (item && decisionsFor(item, tab).includes("REJECT")) {
            event.preventDefault();
            setRejecting(item.id);
          }
          break;
        case "x":
          if (item) toggle(item.id);
          break;
        case "?":
          setShowHelp((shown) => !shown);
          break;
        case "Escape":
          setShowHelp(false);
          setRejecting(null);
          break;
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [items, active, tab, applyDecision, focusItem]);

  useEffect(() => {
    if (tab !== "pending") return;
    const newest = initialItems.reduce((latest, item) => (item.createdAt > latest ? item.createdAt : latest), renderedAt);
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/moderation/pending?since=${encodeURIComponent(newest)}`, { cache: "no-store" });
        if (!response.ok) return;
        const data = (await response.json()) as { pending: number; newSince: number };
        setNewCount(data.newSince);
      } catch {
        // offline for a moment: the next poll tries again
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [tab, initialItems, renderedAt]);

  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));

  return (
    <div className="queue">
      <nav aria-label="Queue tabs" className="tabs">
        <ul>
          {(Object.keys(TAB_LABELS) as Tab[]).map((name) => (
            <li key={name}>
              <Link href={`/moderation?tab=${name}`} aria-current={name === tab ? "page" : undefined}>
                {TAB_LABELS[name]} <span className="count">({counts[name]})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p role="status" aria-live="polite" className="announcement">
        {announcement}
      </p>
      {newCount > 0 && (
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            setAdoptNext(true);
            router.refresh();
          }}
        >
          Show {newCount} new comment{newCount === 1 ? "" : "s"}
        </button>
      )}

      <div className="bulk-bar" role="group" aria-label="Bulk actions">
        <label className="field--inline">
          <input
            type="checkbox"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)))}
          />
          Select all on this page
        </label>
        {(tab === "pending" ? (["APPROVE", "REJECT", "SPAM", "TRASH"] as Decision[]) : tab === "reported" ? (["REJECT", "SPAM", "TRASH"] as Decision[]) : (["RESTORE"] as Decision[])).map(
          (decision) => (
            <button key={decision} type="button" className="button button--quiet" disabled={selected.size === 0} onClick={() => applyBulk(decision)}>
              {BUTTON_LABEL[decision]} selected ({selected.size})
            </button>
          ),
        )}
        <button type="button" className="link-button" aria-expanded={showHelp} onClick={() => setShowHelp((shown) => !shown)}>
          Keyboard shortcuts
        </button>
      </div>

      {showHelp && (
        <section aria-label="Keyboard shortcuts" className="shortcuts">
          <h2>Keyboard shortcuts</h2>
          <dl>
            <dt>j / k</dt>
            <dd>next / previous comment</dd>
            <dt>a</dt>
            <dd>approve</dd>
            <dt>r</dt>
            <dd>reject (choose a reason)</dd>
            <dt>s</dt>
            <dd>spam</dd>
            <dt>x</dt>
            <dd>select for a bulk action</dd>
            <dt>?</dt>
            <dd>show or hide this list</dd>
          </dl>
        </section>
      )}

      {items.length === 0 ? (
        <p className="empty">Nothing here{filtersQuery.includes("&") ? " matches these filters" : ""}.</p>
      ) : (
        <ol className="queue-list">
          {items.map((item, index) => (
            <li key={item.id}>
              <article
                ref={(element) => {
                  if (element) articles.current.set(item.id, element);
                  else articles.current.delete(item.id);
                }}
                tabIndex={-1}
                aria-label={`Comment by ${item.authorName} on ${item.postTitle}`}
                className={index === active ? "queue-item queue-item--active" : "queue-item"}
                onFocus={() => setActive(index)}
              >
                <div className="queue-item__head">
                  <input type="checkbox" aria-label={`Select comment by ${item.authorName}`} checked={selected.has(item.id)} onChange={() => toggle(item.id)} />
                  <div>
                    <p className="queue-item__author">
                      <strong>{item.authorName}</strong>
                      {item.authorEmail && <> · {item.authorEmail}</>}
                    </p>
                    <p className="queue-item__meta">
                      {item.accountAge && (
                        <span title={`Joined ${item.accountCreatedAt}`}>Account age {item.accountAge}</span>
                      )}
                      {" · "}
                      {item.approvedBefore} approved comment{item.approvedBefore === 1 ? "" : "s"}
                      {" · "}on <Link href={`/posts/${item.postSlug}`}>{item.postTitle}</Link>
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
                {item.parentExcerpt && <p className="queue-item__parent">In reply to: “{item.parentExcerpt}”</p>}
                {editing === item.id ? (
                  <ModeratorEditor
                    item={item}
                    onDone={(bodyHtml, body, revision) => {
                      setEditing(null);
                      if (bodyHtml !== undefined) {
                        setItems((current) => current.map((candidate) => (candidate.id === item.id ? { ...candidate, bodyHtml, body: body ?? candidate.body, revision: revision ?? candidate.revision, edited: true } : candidate)));
                        setAnnouncement(`Comment by ${item.authorName} edited.`);
                      }
                    }}
                  />
                ) : (
                  <div className="comment__body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
                )}
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
                {rejecting === item.id ? (
                  <RejectPanel item={item} onReject={(reason) => applyDecision(item, "REJECT", reason)} onCancel={() => setRejecting(null)} />
                ) : (
                  <div className="queue-item__actions">
                    {tab === "reported" && (
                      <button type="button" className="button button--quiet" onClick={() => dismiss(item)}>
                        Dismiss reports
                      </button>
                    )}
                    {decisionsFor(item, tab).map((decision) => (
                      <button
                        key={decision}
                        type="button"
                        className={decision === "APPROVE" ? "button" : "button button--quiet"}
                        onClick={() => (decision === "REJECT" ? setRejecting(item.id) : applyDecision(item, decision))}
                      >
                        {BUTTON_LABEL[decision]}
                      </button>
                    ))}
                    <button type="button" className="link-button" onClick={() => setEditing(item.id)}>
                      Edit
                    </button>
                  </div>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function RejectPanel({ item, onReject, onCancel }: { item: QueueItemView; onReject: (reason?: string) => void; onCancel: () => void }) {
  const [preset, setPreset] = useState("");
  const [other, setOther] = useState("");
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => select.current?.focus(), []);
  const reason = preset === "other" ? other.trim() : preset;
  return (
    <form
      className="form reject-panel"
      aria-label={`Reject comment by ${item.authorName}`}
      onSubmit={(event) => {
        event.preventDefault();
        onReject(reason || undefined);
      }}
    >
      <div className="field">
        <label htmlFor={`reason-${item.id}`}>Reason shown to the author (optional)</label>
        <select ref={select} id={`reason-${item.id}`} value={preset} onChange={(event) => setPreset(event.target.value)}>
          <option value="">No reason</option>
          {REJECTION_REASONS.map((text) => (
            <option key={text} value={text}>
              {text}
            </option>
          ))}
          <option value="other">Other…</option>
        </select>
      </div>
      {preset === "other" && (
        <div className="field">
          <label htmlFor={`reason-other-${item.id}`}>Other reason</label>
          <input id={`reason-other-${item.id}`} type="text" maxLength={500} value={other} onChange={(event) => setOther(event.target.value)} />
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

function ModeratorEditor({ item, onDone }: { item: QueueItemView; onDone: (bodyHtml?: string, body?: string, revision?: number) => void }) {
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
          if (result.ok) onDone(result.bodyHtml, body, result.revision);
          else setError(result.message);
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
