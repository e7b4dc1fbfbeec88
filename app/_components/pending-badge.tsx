"use client";

import { useEffect, useState } from "react";

/** Sent by the moderation queue after a decision, with the whole queue's pending count. */
export const PENDING_COUNT_EVENT = "vetted:pending-count";

/** The header's count of comments waiting, kept current by the queue's decisions on this page. */
export function PendingBadge({ count: initial }: { count: number }) {
  const [count, setCount] = useState(initial);
  const [rendered, setRendered] = useState(initial);
  // A new count from the server (navigation, refresh) wins over one the queue announced.
  if (rendered !== initial) {
    setRendered(initial);
    setCount(initial);
  }
  useEffect(() => {
    const update = (event: Event) => {
      const next = (event as CustomEvent<unknown>).detail;
      if (typeof next === "number" && Number.isInteger(next) && next >= 0) setCount(next);
    };
    window.addEventListener(PENDING_COUNT_EVENT, update);
    return () => window.removeEventListener(PENDING_COUNT_EVENT, update);
  }, []);
  return <span className="badge">({count} pending)</span>;
}
