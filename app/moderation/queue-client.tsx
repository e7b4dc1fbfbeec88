"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { decide, decideMany, dismissReports, undo } from "@/app/_lib/actions/moderation";
import type { Decision } from "@/app/_lib/moderation/decide";
import type { QueueFilters, Tab } from "@/app/_lib/moderation/queue";
import type { QueueItemView } from "@/app/_lib/moderation/queue-view";
import type { CommentContext } from "@/app/_lib/moderation/context";
import { PENDING_COUNT_EVENT } from "@/app/_components/pending-badge";
import { CONTEXTS_PER_REQUEST, UNDO_WINDOW_MS } from "@/app/_lib/schemas/limits";
import { BulkBar } from "./_queue/bulk-bar";
import { ContextPanel, type ContextState } from "./_queue/context-panel";
import { KeyboardHelp } from "./_queue/keyboard-help";
import { DONE, TAB_LABELS, decisionsFor, isTyping, plural } from "./_queue/labels";
import { QueueItem, type QueueItemHandlers } from "./_queue/queue-item";
import { UndoNotice } from "./_queue/undo-notice";

type Props = {
  tab: Tab;
  items: QueueItemView[];
  nextCursor: string | null;
  counts: Record<Tab, number>;
  filters: QueueFilters;
  filtersQuery: string;
  reasons: string[];
  viewer: { id: string; isAdmin: boolean };
  /** The filter form, kept in reach beside the list on wide screens. */
  filterForm: ReactNode;
};

/** A decision that can still be taken back: its audit events and where its comments stood. */
type LastAction = { eventIds: string[]; restore: { item: QueueItemView; position: number }[]; message: string; until: number };

// Contexts are fetched ahead for the comments the moderator reaches next (see the effect below).
const PREFETCH_AHEAD = 4;
const CONTEXT_ATTEMPTS = 3;
const CONTEXT_RETRY_MS = 1_000;
// The next page is fetched while this many comments are still left on this one.
const LOAD_MORE_WHEN_LEFT = 10;
// How long the live updates wait before connecting again after an error answer.
const LIVE_RETRY_MS = 5_000;
// The browser hears of a decision a moment after the server made it, so its Undo closes earlier.
const UNDO_MARGIN_MS = 1_000;

export function QueueClient({ tab, items: initialItems, nextCursor: initialCursor, counts: initialCounts, filters, filtersQuery, reasons, viewer, filterForm }: Props) {
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
  // Decisions that can still be taken back, the latest last; `z` and Undo take back the latest.
  const [undoable, setUndoable] = useState<LastAction[]>([]);
  const [undoing, setUndoing] = useState(false);
  const [contexts, setContexts] = useState<Record<string, ContextState>>({});
  const [cursor, setCursor] = useState(initialCursor);
  // A decision answers with the new counts; the page's server props change only when the
  // moderator asks for new comments, and the list takes them then, so their place never moves.
  const [source, setSource] = useState({ items: initialItems, counts: initialCounts });
  const [adoptNext, setAdoptNext] = useState(false);
  if (source.items !== initialItems || source.counts !== initialCounts) {
    setSource({ items: initialItems, counts: initialCounts });
    setCounts(initialCounts);
    if (adoptNext) {
      setItems(initialItems);
      setCursor(initialCursor);
      setSelected(new Set());
      setNewCount(0);
      setAdoptNext(false);
    }
  }
  const [, startTransition] = useTransition();
  const workspace = useRef<HTMLDivElement>(null);
  const articles = useRef(new Map<string, HTMLElement>());
  // Where focus goes once the list has changed: set in the same update as the list, so it is read
  // only by the render that removed (or put back) the comments; the one it was last applied to.
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null);
  const focusApplied = useRef<{ index: number } | null>(null);
  // Decided here, so a page fetched before the decision committed does not bring them back.
  const decided = useRef(new Set<string>());
  const loadingMore = useRef(false);
  const requested = useRef(new Set<string>());
  // Decisions sent and not yet answered: the page asks before it is closed on them.
  const inFlight = useRef(0);
  const send = useCallback(async <T,>(call: () => Promise<T>): Promise<T> => {
    inFlight.current += 1;
    try {
      return await call();
    } finally {
      inFlight.current -= 1;
    }
  }, []);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (inFlight.current > 0) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const showCounts = useCallback((result: { counts?: Record<Tab, number>; pending?: number }) => {
    if (result.counts) setCounts(result.counts);
    if (result.pending !== undefined) window.dispatchEvent(new CustomEvent(PENDING_COUNT_EVENT, { detail: result.pending }));
  }, []);

  const focusItem = useCallback(
    (index: number) => {
      const item = items[index];
      const element = item ? articles.current.get(item.id) : undefined;
      // Scrolled into view by the element's own margin, so the sticky bar above never hides it.
      element?.focus({ preventScroll: true });
      element?.scrollIntoView({ block: "nearest" });
    },
    [items],
  );

  // The context of the active comment, and of the next ones before the moderator gets there:
  // when one within PREFETCH_AHEAD has not been asked for, the next CONTEXTS_PER_REQUEST are asked
  // for in one request, so a moderator moving on asks the server once every few decisions. A
  // failed load is tried again a moment later, a few times.
  const [retryRound, setRetryRound] = useState(0);
  const attempts = useRef(new Map<string, number>());
  // The latest request for each comment's context: an older answer arriving later is dropped.
  const latestRequest = useRef(new Map<string, number>());
  const requestCount = useRef(0);
  useEffect(() => {
    const inReach = items.slice(active, active + 1 + PREFETCH_AHEAD);
    if (inReach.every((item) => requested.current.has(item.id))) return;
    const batch = items
      .slice(active)
      .filter((item) => !requested.current.has(item.id))
      .slice(0, CONTEXTS_PER_REQUEST)
      .map((item) => item.id);
    const request = ++requestCount.current;
    // Only the comments within reach spend an attempt: those further on are asked for again when
    // the moderator gets near them, however long the server was away meanwhile.
    const reach = new Set(inReach.map((item) => item.id));
    for (const id of batch) {
      requested.current.add(id);
      if (reach.has(id)) attempts.current.set(id, (attempts.current.get(id) ?? 0) + 1);
      latestRequest.current.set(id, request);
    }
    const current = (id: string) => latestRequest.current.get(id) === request;
    const failed = (ids: string[], message: string, { retry = true } = {}) => {
      const mine = ids.filter(current);
      if (mine.length === 0) return;
      const again = retry ? mine.filter((id) => (attempts.current.get(id) ?? 0) < CONTEXT_ATTEMPTS) : [];
      const retried = new Set(again);
      setContexts((shown) => ({ ...shown, ...Object.fromEntries(mine.map((id) => [id, { status: "failed", message: retried.has(id) ? `${message} Trying again.` : message } as const])) }));
      if (again.length > 0) {
        setTimeout(() => {
          for (const id of again) requested.current.delete(id);
          setRetryRound((round) => round + 1);
        }, CONTEXT_RETRY_MS);
      }
    };
    fetch(`/api/moderation/contexts?ids=${batch.join(",")}`, { cache: "no-store" })
      .then(async (response) => {
        const body = (await response.json()) as { contexts: CommentContext[] } | { error: string };
        if (!response.ok || "error" in body) return failed(batch, "error" in body ? body.error : "The context could not be loaded.");
        const found = body.contexts.filter((context) => current(context.commentId));
        setContexts((shown) => ({ ...shown, ...Object.fromEntries(found.map((context) => [context.commentId, { status: "ready", context } as const])) }));
        const missing = new Set(batch);
        for (const context of body.contexts) missing.delete(context.commentId);
        if (missing.size > 0) failed([...missing], "This comment no longer exists.", { retry: false });
      })
      .catch(() => failed(batch, "The context could not be loaded."));
  }, [items, active, retryRound]);

  // The next page joins the list before this one runs out, so the keyboard never meets an end.
  useEffect(() => {
    if (!cursor || loadingMore.current || items.length - active > LOAD_MORE_WHEN_LEFT) return;
    loadingMore.current = true;
    const search = new URLSearchParams({ tab, cursor });
    for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
    fetch(`/api/moderation/queue?${search.toString()}`, { cache: "no-store" })
      .then(async (response) => {
        if (!response.ok) return;
        const page = (await response.json()) as { items: QueueItemView[]; nextCursor: string | null };
        setItems((current) => {
          const shown = new Set(current.map((item) => item.id));
          return [...current, ...page.items.filter((item) => !shown.has(item.id) && !decided.current.has(item.id))];
        });
        setCursor(page.nextCursor);
      })
      .catch(() => undefined)
      .finally(() => {
        loadingMore.current = false;
      });
  }, [items.length, active, cursor, tab, filters]);

  const removeItems = useCallback(
    (ids: string[]) => {
      const index = items.findIndex((item) => ids.includes(item.id));
      setFocusRequest({ index: Math.max(index, 0) });
      for (const id of ids) decided.current.add(id);
      setItems((current) => current.filter((item) => !ids.includes(item.id)));
      setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))));
    },
    [items],
  );

  const putBack = useCallback((restore: LastAction["restore"]) => {
    for (const { item } of restore) decided.current.delete(item.id);
    setItems((current) => {
      const next = current.filter((candidate) => !restore.some(({ item }) => item.id === candidate.id));
      for (const { item, position } of [...restore].sort((a, b) => a.position - b.position)) next.splice(Math.min(position, next.length), 0, item);
      return next;
    });
    setFocusRequest({ index: Math.min(...restore.map(({ position }) => position)) });
  }, []);

  // A decision changes what other comments' contexts show: the author's record beside their other
  // comments, and the status of the comment that replies answer.
  const refreshContextsOf = useCallback(
    (decidedItems: QueueItemView[]) => {
      const authors = new Set(decidedItems.map((item) => item.authorId).filter((id): id is string => Boolean(id)));
      const answered = new Set(decidedItems.map((item) => item.id));
      for (const item of items) {
        if ((item.authorId && authors.has(item.authorId)) || (item.parentId && answered.has(item.parentId))) {
          requested.current.delete(item.id);
          attempts.current.delete(item.id);
        }
      }
      setRetryRound((round) => round + 1);
    },
    [items],
  );

  const offerUndo = useCallback((eventIds: string[] | undefined, restore: LastAction["restore"], message: string) => {
    setAnnouncement(message);
    const action = eventIds?.length ? { eventIds, restore, message, until: Date.now() + UNDO_WINDOW_MS - UNDO_MARGIN_MS } : null;
    if (action) setUndoable((current) => [...current.filter((candidate) => candidate.until > Date.now()), action]);
  }, []);

  // Each decision leaves the list of what can be undone when its window closes.
  useEffect(() => {
    if (undoable.length === 0) return;
    const soonest = Math.min(...undoable.map((action) => action.until));
    const timer = setTimeout(() => setUndoable((current) => current.filter((action) => action.until > Date.now())), Math.max(0, soonest - Date.now()));
    return () => clearTimeout(timer);
  }, [undoable]);

  const undoLast = useCallback(() => {
    const action = undoable.findLast((candidate) => candidate.until > Date.now());
    if (!action || undoing) return;
    setUndoing(true);
    startTransition(async () => {
      const result = await send(() => undo({ eventIds: action.eventIds, filters }));
      setUndoing(false);
      setUndoable((current) => current.filter((candidate) => candidate !== action));
      if (result.ok) {
        showCounts(result);
        putBack(action.restore);
        refreshContextsOf(action.restore.map(({ item }) => item));
        setAnnouncement(`Undone: ${action.restore.length === 1 ? `the comment by ${action.restore[0]!.item.authorName} is` : `${plural(action.restore.length, "comment")} are`} back.`);
      } else setAnnouncement(result.message);
    });
  }, [undoable, undoing, filters, showCounts, putBack, send, refreshContextsOf]);

  const applyDecision = useCallback(
    (item: QueueItemView, decision: Decision, reason?: string) => {
      const position = items.findIndex((candidate) => candidate.id === item.id);
      removeItems([item.id]);
      setRejecting(null);
      startTransition(async () => {
        const result = await send(() => decide({ commentId: item.id, decision, expectedStatus: item.status, expectedRevision: item.revision, reason, filters }));
        if (result.ok) {
          // Updates after an await leave the transition: marked again, so the moderator's next key
          // (the next comment's removal) is drawn first and these wait for it.
          startTransition(() => {
            showCounts(result);
            refreshContextsOf([item]);
            offerUndo(result.eventIds, [{ item, position }], `${DONE[decision]}: comment by ${item.authorName}.`);
          });
        } else {
          decided.current.delete(item.id);
          // Edited since the queue was loaded: it comes back with the text the author wrote since.
          const back = result.changed ? { ...item, bodyHtml: result.changed.bodyHtml, revision: result.changed.revision, edited: true } : item;
          if (!result.message.startsWith("Already")) setItems((current) => [...current.slice(0, position), back, ...current.slice(position)]);
          setAnnouncement(result.message);
        }
      });
    },
    [items, removeItems, filters, showCounts, offerUndo, send, refreshContextsOf],
  );

  const applyBulk = (decision: Decision) => {
    const chosen = items.map((item, position) => ({ item, position })).filter(({ item }) => selected.has(item.id));
    if (chosen.length === 0) return;
    removeItems(chosen.map(({ item }) => item.id));
    startTransition(async () => {
      const result = await send(() => decideMany({ items: chosen.map(({ item }) => ({ commentId: item.id, expectedStatus: item.status, expectedRevision: item.revision })), decision, filters }));
      if (result.ok) {
        showCounts(result);
        refreshContextsOf(chosen.map(({ item }) => item));
        offerUndo(result.eventIds, chosen, `${DONE[decision]}: ${plural(chosen.length, "comment")}.`);
      } else {
        putBack(chosen);
        setSelected(new Set(chosen.map(({ item }) => item.id)));
        setAnnouncement(result.message);
      }
    });
  };

  const dismiss = (item: QueueItemView) => {
    const position = items.findIndex((candidate) => candidate.id === item.id);
    removeItems([item.id]);
    startTransition(async () => {
      const result = await send(() => dismissReports({ commentId: item.id, filters }));
      if (result.ok) {
        showCounts(result);
        refreshContextsOf([item]);
        offerUndo(result.eventIds, [{ item, position }], `Reports dismissed: comment by ${item.authorName} stays published.`);
      } else {
        decided.current.delete(item.id);
        setAnnouncement(result.message);
      }
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
      const can = (decision: Decision) => Boolean(item && decisionsFor(item, tab).includes(decision));
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
          if (item && can("APPROVE")) applyDecision(item, "APPROVE");
          break;
        case "s":
          if (item && can("SPAM")) applyDecision(item, "SPAM");
          break;
        case "r":
          if (item && can("REJECT")) {
            event.preventDefault();
            setRejecting(item.id);
          }
          break;
        case "z":
          undoLast();
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
    // Keys pressed before the page is hydrated go nowhere: the mark says the queue hears them now
    // (what the end-to-end journeys wait for before they type).
    workspace.current?.setAttribute("data-keys", "on");
    return () => document.removeEventListener("keydown", onKey);
  }, [items, active, tab, applyDecision, focusItem, undoLast]);

  // Live updates pushed by the server (Server-Sent Events, fanned out across instances): a new
  // comment is counted for "Show new comments"; comments another moderator decided leave the list.
  const knownIds = useRef(new Set<string>());
  useEffect(() => {
    knownIds.current = new Set(items.map((item) => item.id));
  }, [items]);
  useEffect(() => {
    if (tab !== "pending") return;
    let source: EventSource;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      source = new EventSource("/api/moderation/events");
      source.addEventListener("pending", (message) => {
        const event = JSON.parse(message.data) as { commentId: string };
        if (!knownIds.current.has(event.commentId)) setNewCount((count) => count + 1);
      });
      source.addEventListener("decided", (message) => {
        const event = JSON.parse(message.data) as { commentIds: string[]; moderatorId: string };
        if (event.moderatorId === viewer.id) return;
        const gone = event.commentIds.filter((id) => knownIds.current.has(id));
        if (gone.length === 0) return;
        for (const id of gone) decided.current.add(id);
        setItems((current) => current.filter((item) => !gone.includes(item.id)));
        setSelected((current) => new Set([...current].filter((id) => !gone.includes(id))));
        setAnnouncement(`${plural(gone.length, "comment")} decided by another moderator ${gone.length === 1 ? "was" : "were"} taken off the list.`);
      });
      // The session ended or lost its access: no reconnecting.
      source.addEventListener("ended", () => source.close());
      // The browser reconnects by itself after a dropped connection, but gives up on an error
      // answer (an instance restarting behind a proxy): then try again a little later.
      source.addEventListener("error", () => {
        if (source.readyState === EventSource.CLOSED) retry = setTimeout(connect, LIVE_RETRY_MS);
      });
    };
    connect();
    return () => {
      clearTimeout(retry);
      source.close();
    };
  }, [tab, viewer.id]);

  // Kept up to date before any other layout effect runs: the focus moved below fires the
  // focused comment's handler at once, which must see this render's list.
  const latest = useRef<{ items: QueueItemView[]; applyDecision: (item: QueueItemView, decision: Decision, reason?: string) => void; dismiss: (item: QueueItemView) => void; toggle: (id: string) => void } | null>(null);
  useLayoutEffect(() => {
    latest.current = { items, applyDecision, dismiss, toggle };
  });

  // Focus goes to the comment that took the decided one's place; when the list ran out before
  // the next page came, it waits for that page. Before the browser paints, so no frame shows the
  // list without a focused comment.
  useLayoutEffect(() => {
    if (!focusRequest || focusRequest === focusApplied.current || items.length === 0) return;
    focusApplied.current = focusRequest;
    const index = Math.min(focusRequest.index, items.length - 1);
    setActive(index);
    focusItem(index);
  }, [focusRequest, items, focusItem]);

  // The list's items keep one handlers object for the page's life (React skips the comments a
  // decision does not change); it reads the latest state through `latest`.
  const [itemHandlers] = useState<QueueItemHandlers>(() => ({
    register: (id, element) => {
      if (element) articles.current.set(id, element);
      else articles.current.delete(id);
    },
    focus: (item) => {
      const index = latest.current!.items.findIndex((candidate) => candidate.id === item.id);
      if (index >= 0) setActive(index);
    },
    toggle: (item) => latest.current!.toggle(item.id),
    decide: (item, decision, reason) => latest.current!.applyDecision(item, decision, reason),
    startReject: (item) => setRejecting(item.id),
    cancelReject: () => setRejecting(null),
    dismissReports: (item) => latest.current!.dismiss(item),
    startEdit: (item) => setEditing(item.id),
    edited: (item, saved) => {
      setEditing(null);
      if (saved) {
        setItems((current) => current.map((candidate) => (candidate.id === item.id ? { ...candidate, ...saved, edited: true } : candidate)));
        setAnnouncement(`Comment by ${item.authorName} edited.`);
      }
    },
  }));

  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  const activeItem = items[active];

  return (
    <div className="workspace" ref={workspace}>
      {/* First in the page, so the filters come before the list they filter; drawn beside it. */}
      <div className="workspace__side">
        {filterForm}
        <ContextPanel state={activeItem ? (contexts[activeItem.id] ?? { status: "loading" }) : null} viewer={viewer} />
      </div>
      <div className="workspace__list">
        <div className="workspace__bar">
          <nav aria-label="Queue tabs" className="tabs">
            <ul>
              {(Object.keys(TAB_LABELS) as Tab[]).map((name) => (
                <li key={name}>
                  <Link prefetch={false} href={`/moderation?tab=${name}`} aria-current={name === tab ? "page" : undefined}>
                    {TAB_LABELS[name]} <span className="count">({counts[name]})</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <UndoNotice message={announcement} undoable={undoable.length > 0} undoing={undoing} onUndo={undoLast} />
          {newCount > 0 && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setAdoptNext(true);
                router.refresh();
              }}
            >
              Show {plural(newCount, "new comment")}
            </button>
          )}
          <BulkBar
            tab={tab}
            selectedCount={selected.size}
            allSelected={allSelected}
            onSelectAll={() => setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)))}
            onDecide={applyBulk}
            helpShown={showHelp}
            onToggleHelp={() => setShowHelp((shown) => !shown)}
          />
        </div>
        {showHelp && <KeyboardHelp />}

        {items.length === 0 ? (
          <p className="empty">Nothing here{filtersQuery.includes("&") ? " matches these filters" : ""}.</p>
        ) : (
          <ol className="queue-list">
            {items.map((item, index) => (
              <li key={item.id}>
                <QueueItem
                  item={item}
                  tab={tab}
                  active={index === active}
                  selected={selected.has(item.id)}
                  rejecting={rejecting === item.id}
                  editing={editing === item.id}
                  reasons={reasons}
                  handlers={itemHandlers}
                />
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
