import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePageRole } from "@/app/_lib/auth/require";
import { isSlug } from "@/app/_lib/schemas/ids";
import { stripControl } from "@/app/_lib/schemas/text";
import { listPostChoices } from "@/app/_lib/posts/queries";
import { ageOf, exactTime, formatLongDate, relativeTime } from "@/app/_lib/format";
import { listQueue, queueCounts, TABS, type Tab } from "@/app/_lib/moderation/queue";
import { recentDashboard } from "@/app/_lib/moderation/dashboard";
import { ModerationDashboard } from "./dashboard";
import { PostFilter } from "./post-filter";
import { QueueClient, type QueueItemView } from "./queue-client";

export const metadata: Metadata = { title: "Moderation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => {
  const text = typeof value === "string" ? stripControl(value).trim().slice(0, 200) : "";
  return text || undefined;
};

export default async function ModerationPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePageRole("MODERATOR", "/moderation");
  await connection();
  const params = await searchParams;
  const tab: Tab = TABS.includes(params.tab as Tab) ? (params.tab as Tab) : "pending";
  const filters = { post: isSlug(one(params.post)) ? one(params.post) : undefined, author: one(params.author), q: one(params.q) };
  const cursor = one(params.cursor);
  // The overview heads the queue's first page only; paging and other tabs skip its queries.
  const showDashboard = tab === "pending" && !cursor;
  const [page, counts, posts, dashboard] = await Promise.all([
    listQueue(viewer, tab, filters, cursor),
    queueCounts(viewer, filters),
    listPostChoices(),
    showDashboard ? recentDashboard(viewer) : null,
  ]);
  const now = new Date();
  const items: QueueItemView[] = page.items.map((item) => ({
    ...item,
    createdAt: item.createdAt.toISOString(),
    createdLabel: relativeTime(item.createdAt, now),
    createdExact: exactTime(item.createdAt),
    accountAge: item.accountCreatedAt ? ageOf(item.accountCreatedAt, now) : null,
    accountCreatedAt: item.accountCreatedAt ? formatLongDate(item.accountCreatedAt) : null,
    reports: item.reports.map((report) => ({ ...report, createdAt: relativeTime(report.createdAt, now) })),
  }));
  const query = (extra: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ tab, ...filters, ...extra })) if (value) search.set(key, value);
    return `/moderation?${search.toString()}`;
  };

  return (
    <>
      <h1>Moderation queue</h1>
      {dashboard && <ModerationDashboard data={dashboard} now={now} />}
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
        <button type="submit" className="button">
          Filter
        </button>
        {(filters.post || filters.author || filters.q) && <Link href={`/moderation?tab=${tab}`}>Clear filters</Link>}
      </form>

      <QueueClient key={query({ cursor })} tab={tab} items={items} counts={counts} filters={filters} filtersQuery={query({})} renderedAt={now.toISOString()} />

      <nav aria-label="Queue pages" className="pager">
        {cursor && <Link href={query({})}>First page</Link>}
        {page.nextCursor && <Link href={query({ cursor: page.nextCursor })}>Next page</Link>}
      </nav>
    </>
  );
}
