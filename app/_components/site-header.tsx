import Link from "next/link";
import { getViewer } from "@/app/_lib/auth/viewer";
import { unseenNotificationCount } from "@/app/_lib/account/notifications";
import { pendingSummary } from "@/app/_lib/moderation/queue";
import { SignOutButton } from "./sign-out-button";
import { PendingBadge } from "./pending-badge";

export async function SiteHeader() {
  const viewer = await getViewer();
  const [pending, unseen] = await Promise.all([pendingSummary(viewer), unseenNotificationCount(viewer)]);
  return (
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
            {pending && (
              <li>
                <Link href="/moderation">
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
                  <Link href="/account">
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
                  <Link href="/login">Log in</Link>
                </li>
                <li>
                  <Link href="/register">Register</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
