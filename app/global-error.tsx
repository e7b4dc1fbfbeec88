"use client";

import "./globals.css";

/** The last resort, when even the layout (which reads the session) cannot render. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main" className="page">
          <h1>We could not load this page</h1>
          <p>Something on our side is not answering right now. Please try again in a moment.</p>
          <p>
            <button type="button" className="button" onClick={() => reset()}>
              Try again
            </button>
          </p>
        </main>
      </body>
    </html>
  );
}
