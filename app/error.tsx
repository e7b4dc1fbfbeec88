"use client";

/** Shown when a page cannot be rendered, most often because the database is unreachable. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>We could not load this page</h1>
      <p>Something on our side is not answering right now. Please try again in a moment.</p>
      <p>
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>
      </p>
    </>
  );
}
