import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SITE_FEED } from "./_lib/feeds/site-feed";
import { siteUrl } from "./_lib/site-url";
import { SiteHeader } from "./_components/site-header";
import { fontVariables } from "./_fonts/fonts";
import "./globals.css";

// Read at request time: the public address is the deployment's, not the build machine's.
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(`${siteUrl()}/`),
    title: { default: "Vetted", template: "%s · Vetted" },
    description: "A journal blog with moderated reader comments.",
    alternates: { types: { "application/rss+xml": [SITE_FEED] } },
  };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={fontVariables}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Comments are moderated. Read the <Link prefetch={false} href="/terms">Terms and Conditions</Link>.
          </p>
        </footer>
      </body>
    </html>
  );
}
