import Link from "next/link";
import { getViewer } from "@/app/_lib/auth/viewer";
import { unseenNotificationCount } from "@/app/_lib/account/notifications";
import { pendingSummary } from "@/app/_lib/moderation/queue";
import { SignOutButton } from "./sign-out-button";
import { PendingBadge } from "./pending-badge";

/**
 * Its links are not prefetched: each would be a page drawn by the server for every page view
 * (visitors' pages come from the page cache, prefetches never do), and on the moderation queue
 * those draws competed with the moderator's decisions and the next comments' contexts.
 */
export async function SiteHeader() {
  const viewer = await getViewer();
  const [pending, unseen] = await Promise.all([pendingSummary(viewer), unseenNotificationCount(viewer)]);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link prefetch={false} href="/" className="site-name">
          Vetted
        </Link>
        <nav aria-label="Site">
          <ul className="site-nav">
            <li>
              <Link prefetch={false} href="/">Posts</Link>
            </li>
            <li>
              <Link prefetch={false} href="/terms">Terms</Link>
            </li>
            {pending && (
              <li>
                <Link prefetch={false} href="/moderation">
                  Moderation <PendingBadge count={pending.count} />
                </Link>
              </li>
            )}
            {viewer ? (
              <>
                <li>
                  <span className="site-nav__viewer">Signed in as {viewer.name}</span>
                </li>
                <li>
                  <Link prefetch={false} href="/account">
                    Account
                    {unseen > 0 && <span className="badge"> ({unseen} new)</span>}
                  </Link>
                </li>
                <li>
                  <SignOutButton />
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link prefetch={false} href="/login">Log in</Link>
                </li>
                <li>
                  <Link prefetch={false} href="/register">Register</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
