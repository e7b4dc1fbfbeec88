"use client";

import { UnavailableMessage } from "./_components/unavailable-message";

/** Shown when a page cannot be rendered, most often because the database is unreachable. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <UnavailableMessage onRetry={reset} />;
}
