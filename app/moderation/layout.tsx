import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageRole } from "@/app/_lib/auth/require";

export default async function ModerationLayout({ children }: { children: ReactNode }) {
  const viewer = await requirePageRole("MODERATOR", "/moderation");
  return (
    <div className="moderation">
      <nav aria-label="Moderation" className="subnav">
        <ul>
          <li>
            <Link prefetch={false} href="/moderation">Queue</Link>
          </li>
          <li>
            <Link prefetch={false} href="/moderation/log">Log</Link>
          </li>
          <li>
            <Link prefetch={false} href="/moderation/posts">Posts</Link>
          </li>
          <li>
            <Link prefetch={false} href="/moderation/users">Users</Link>
          </li>
          {viewer.role === "ADMIN" && (
            <>
              <li>
                <Link prefetch={false} href="/moderation/settings">Settings</Link>
              </li>
              <li>
                <Link prefetch={false} href="/moderation/outbox">Outbox</Link>
              </li>
            </>
          )}
        </ul>
      </nav>
      <div className="moderation__content">{children}</div>
    </div>
  );
}
