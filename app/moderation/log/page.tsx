import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePageRole } from "@/app/_lib/auth/require";
import { isId, isSlug } from "@/app/_lib/schemas/ids";
import { db } from "@/app/_lib/db";
import { listPostChoices } from "@/app/_lib/posts/queries";
import { exactTime } from "@/app/_lib/format";
import { LOG_ACTIONS, listLog, type LogAction } from "@/app/_lib/moderation/log";
import { PostFilter } from "../post-filter";
import { DataTable } from "@/app/_components/data-table";

export const metadata: Metadata = { title: "Moderation log" };

const label = (action: string) => action.charAt(0) + action.slice(1).toLowerCase().replace(/_/g, " ");

export default async function LogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requirePageRole("MODERATOR", "/moderation/log");
  await connection();
  const params = await searchParams;
  const filters = {
    moderatorId: isId(params.moderator) ? params.moderator : undefined,
    action: LOG_ACTIONS.includes(params.action as LogAction) ? (params.action as LogAction) : undefined,
    post: isSlug(params.post) ? params.post : undefined,
  };
  const [log, moderators, posts] = await Promise.all([
    listLog(viewer, filters, params.cursor),
    db.user.findMany({ where: { role: { in: ["MODERATOR", "ADMIN"] } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    listPostChoices(),
  ]);
  const next = new URLSearchParams(Object.entries({ moderator: filters.moderatorId, action: filters.action, post: filters.post, cursor: log.nextCursor ?? undefined }).filter((entry): entry is [string, string] => Boolean(entry[1])));

  return (
    <>
      <h1>Moderation log</h1>
      <form method="get" className="filters" aria-label="Filter the log">
        <div className="field">
          <label htmlFor="log-moderator">Moderator</label>
          <select id="log-moderator" name="moderator" defaultValue={filters.moderatorId ?? ""}>
            <option value="">Anyone</option>
            {moderators.map((moderator) => (
              <option key={moderator.id} value={moderator.id}>
                {moderator.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-action">Action</label>
          <select id="log-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">Any action</option>
            {LOG_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {label(action)}
              </option>
            ))}
          </select>
        </div>
        <PostFilter id="log-post" posts={posts} selected={filters.post} anyLabel="Any post" />
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      {log.entries.length === 0 ? (
        <p>No events.</p>
      ) : (
        <DataTable caption="Moderation events, newest first" columns={["When", "Who", "Action", "About", "Reason"]}>
          {log.entries.map((entry) => (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.createdAt.toISOString()}>{exactTime(entry.createdAt)}</time>
              </td>
              <td>{entry.moderator ?? "System"}</td>
              <td>{label(entry.action)}</td>
              <td>
                {entry.commentExcerpt && <>“{entry.commentExcerpt}” </>}
                {entry.subject && <>by {entry.subject} </>}
                {entry.post && (
                  <>
                    on <Link prefetch={false} href={`/posts/${entry.post.slug}`}>{entry.post.title}</Link>
                  </>
                )}
                {!entry.commentExcerpt && !entry.post && entry.detail}
              </td>
              <td>{entry.reason}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {log.nextCursor && (
        <nav aria-label="Log pages" className="pager">
          <Link prefetch={false} href={`/moderation/log?${next.toString()}`}>Older events</Link>
        </nav>
      )}
    </>
  );
}
