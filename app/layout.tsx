import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Vetted", template: "%s · Vetted" },
  description: "A journal blog with moderated reader comments.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link href="/" className="site-name">
              Vetted
            </Link>
            <nav aria-label="Site">
              <ul className="site-nav">
                <li>
                  <Link href="/">Posts</Link>
                </li>
                <li>
                  <Link href="/terms">Terms</Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Comments are moderated. Read the <Link href="/terms">Terms and Conditions</Link>.
          </p>
        </footer>
      </body>
    </html>
  );
}
