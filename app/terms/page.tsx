import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { formatLongDate } from "@/app/_lib/format";
import { getCurrentTerms, listTermsVersions } from "@/app/_lib/terms/queries";
import { TermsDocument } from "./terms-document";

export const metadata: Metadata = { title: "Terms and Conditions" };

export default async function TermsPage() {
  await connection();
  const [terms, versions] = await Promise.all([getCurrentTerms(), listTermsVersions()]);
  if (!terms) {
    return (
      <>
        <h1>Terms and Conditions</h1>
        <p>No terms have been published yet.</p>
      </>
    );
  }
  const earlier = versions.filter((version) => version.version !== terms.version);
  return (
    <>
      <TermsDocument terms={terms} isCurrent />
      {earlier.length > 0 && (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">Other versions</h2>
          <ul>
            {earlier.map((version) => (
              <li key={version.version}>
                <Link prefetch={false} href={`/terms/${version.version}`}>
                  Version {version.version}, effective {formatLongDate(version.effectiveAt)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
