import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePageRole } from "@/app/_lib/auth/require";
import { listPostChoices } from "@/app/_lib/posts/queries";
import { listQueue, queueCounts } from "@/app/_lib/moderation/queue";
import { queueParams } from "@/app/_lib/moderation/queue-params";
import { queueItemView } from "@/app/_lib/moderation/queue-view";
import { recentDashboard } from "@/app/_lib/moderation/dashboard";
import { getSettings } from "@/app/_lib/settings";
import { ModerationDashboard } from "./dashboard";
import { PostFilter } from "./post-filter";
import { QueueClient } from "./queue-client";

export const metadata: Metadata = { title: "Moderation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ModerationPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePageRole("MODERATOR", "/moderation");
  await connection();
  const { tab, filters, cursor } = queueParams(await searchParams);
  // The overview heads the queue's first page only; paging and other tabs skip its queries.
  const showDashboard = tab === "pending" && !cursor;
  const [page, counts, posts, dashboard, settings] = await Promise.all([
    listQueue(viewer, tab, filters, cursor),
    queueCounts(viewer, filters),
    listPostChoices(),
    showDashboard ? recentDashboard(viewer) : null,
    getSettings(),
  ]);
  const now = new Date();
  const items = page.items.map((item) => queueItemView(item, now));
  const query = (extra: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ tab, ...filters, ...extra })) if (value) search.set(key, value);
    return `/moderation?${search.toString()}`;
  };
  const filterForm = (
    <form method="get" action="/moderation" className="filters" aria-label="Filter the queue">
      <input type="hidden" name="tab" value={tab} />
      <PostFilter id="filter-post" posts={posts} selected={filters.post} anyLabel="All posts" />
      <div className="field">
        <label htmlFor="filter-author">Author</label>
        <input id="filter-author" name="author" type="text" defaultValue={filters.author} placeholder="Name or email" />
      </div>
      <div className="field">
        <label htmlFor="filter-q">Text</label>
        <input id="filter-q" name="q" type="search" defaultValue={filters.q} />
      </div>
      {tab === "pending" && (
        <div className="field">
          <label htmlFor="filter-sort">Order</label>
          <select id="filter-sort" name="sort" defaultValue={filters.sort ?? ""}>
            <option value="">Oldest first</option>
            <option value="spam">Most likely spam first</option>
          </select>
        </div>
      )}
      <button type="submit" className="button">
        Filter
      </button>
      {(filters.post || filters.author || filters.q) && <Link prefetch={false} href={`/moderation?tab=${tab}`}>Clear filters</Link>}
    </form>
  );

  return (
    <>
      <h1>Moderation queue</h1>
      {dashboard && <ModerationDashboard data={dashboard} now={now} />}
      <QueueClient
        key={query({ cursor })}
        tab={tab}
        items={items}
        nextCursor={page.nextCursor}
        counts={counts}
        filters={filters}
        filtersQuery={query({})}
        reasons={settings.rejectionReasons}
        viewer={{ id: viewer.id, isAdmin: viewer.role === "ADMIN" }}
        filterForm={filterForm}
      />

      <nav aria-label="Queue pages" className="pager">
        {cursor && <Link prefetch={false} href={query({})}>First page</Link>}
        {page.nextCursor && <Link prefetch={false} href={query({ cursor: page.nextCursor })}>Next page</Link>}
      </nav>
    </>
  );
}
