import "server-only";
import { INDEX_TAG, pageCacheChanged, postPageTag } from "@/app/_lib/page-cache";

export { requestedCommentsPage } from "./page-number";

/**
 * Call from an action after a change to a post or its comments. What visitors see is cached as
 * whole pages by the server (app/_lib/page-cache.ts); this drops the post's pages, its comments
 * feed, and the home page and site feed, which show its count of responses. `visible: false`
 * says visitors see no difference (a pending comment stored, edited or withdrawn): nothing is
 * dropped, so readers cannot empty the cache at will.
 *
 * Nothing here asks Next.js to revalidate: an action that did would have Next draw the whole page
 * again in its response. The acting person's page is updated by the action's own answer, or,
 * where it must be drawn again, by the action calling refresh().
 */
export function postChanged(slug: string, { visible = true }: { visible?: boolean } = {}) {
  if (visible) pageCacheChanged([postPageTag(slug), INDEX_TAG]);
}
