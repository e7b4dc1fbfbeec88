import { NextResponse, type NextRequest } from "next/server";
import { hasRole } from "@/app/_lib/auth/require";
import { getViewer } from "@/app/_lib/auth/viewer";
import { commentContexts } from "@/app/_lib/moderation/context";
import { contextIdsInput } from "@/app/_lib/schemas/moderation";

const noStore = { "Cache-Control": "no-store" };

/**
 * The queue's context panel, for the comments the moderator reaches next (`?ids=a,b,c`): what each
 * answers, where it sits, and its author's record. A comment that no longer exists is left out.
 */
export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  if (!hasRole(viewer, "MODERATOR")) return NextResponse.json({ error: "You do not have access." }, { status: 403, headers: noStore });
  const parsed = contextIdsInput.safeParse(request.nextUrl.searchParams.get("ids") ?? undefined);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]?.message ?? "Name the comments." }, { status: 400, headers: noStore });
  const contexts = await commentContexts(viewer, parsed.data);
  return NextResponse.json({ contexts: [...contexts.values()] }, { headers: noStore });
}
