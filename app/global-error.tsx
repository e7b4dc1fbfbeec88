"use client";

import { UnavailableMessage } from "./_components/unavailable-message";
import "./globals.css";

/** The last resort, when even the layout (which reads the session) cannot render. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main" className="page">
          <UnavailableMessage onRetry={reset} />
        </main>
      </body>
    </html>
  );
}
