import { isSlug } from "@/app/_lib/schemas/ids";
import { stripControl } from "@/app/_lib/schemas/text";
import { TABS, type QueueFilters, type Tab } from "./queue";

type Params = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => {
  const text = typeof value === "string" ? stripControl(value).trim().slice(0, 200) : "";
  return text || undefined;
};

/** The queue's address (tab, filters, page) as the page and its data route both read it. */
export function queueParams(params: Params): { tab: Tab; filters: QueueFilters; cursor: string | undefined } {
  const tab: Tab = TABS.includes(params.tab as Tab) ? (params.tab as Tab) : "pending";
  const post = one(params.post);
  const sort = one(params.sort) === "spam" ? ("spam" as const) : undefined;
  return { tab, filters: { post: isSlug(post) ? post : undefined, author: one(params.author), q: one(params.q), sort }, cursor: one(params.cursor) };
}
