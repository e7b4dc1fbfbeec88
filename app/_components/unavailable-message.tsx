/** What readers see when a page cannot be drawn, usually because the database is unreachable. */
export function UnavailableMessage({ onRetry }: { onRetry: () => void }) {
  return (
    <>
      <h1>We could not load this page</h1>
      <p>Something on our side is not answering right now. Please try again in a moment.</p>
      <p>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </p>
    </>
  );
}
