import { NextResponse, type NextRequest } from "next/server";
import { hasRole } from "@/app/_lib/auth/require";
import { getViewer } from "@/app/_lib/auth/viewer";
import { listQueue } from "@/app/_lib/moderation/queue";
import { queueParams } from "@/app/_lib/moderation/queue-params";
import { queueItemView } from "@/app/_lib/moderation/queue-view";

const noStore = { "Cache-Control": "no-store" };

/** The queue's next page, which the workspace fetches as the moderator nears the end of this one. */
export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  if (!hasRole(viewer, "MODERATOR")) return NextResponse.json({ error: "You do not have access." }, { status: 403, headers: noStore });
  const { tab, filters, cursor } = queueParams(Object.fromEntries(request.nextUrl.searchParams));
  const page = await listQueue(viewer, tab, filters, cursor);
  const now = new Date();
  return NextResponse.json({ items: page.items.map((item) => queueItemView(item, now)), nextCursor: page.nextCursor }, { headers: noStore });
}
