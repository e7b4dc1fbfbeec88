import Link from "next/link";
import type { TermsView } from "@/app/_lib/terms/queries";
import { formatLongDate, isoDate } from "@/app/_lib/format";

export function TermsDocument({ terms, isCurrent }: { terms: TermsView; isCurrent: boolean }) {
  return (
    <article className="terms">
      <header>
        <h1>Terms and Conditions</h1>
        <p className="byline">
          Version {terms.version}, effective <time dateTime={isoDate(terms.effectiveAt)}>{formatLongDate(terms.effectiveAt)}</time>
        </p>
        {!isCurrent && (
          <p className="notice">
            This is an earlier version. <Link prefetch={false} href="/terms">Read the current Terms and Conditions</Link>.
          </p>
        )}
      </header>
      <div className="prose" dangerouslySetInnerHTML={{ __html: terms.bodyHtml }} />
    </article>
  );
}
