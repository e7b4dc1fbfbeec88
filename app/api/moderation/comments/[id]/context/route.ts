import { NextResponse } from "next/server";
import { hasRole } from "@/app/_lib/auth/require";
import { getViewer } from "@/app/_lib/auth/viewer";
import { commentContext } from "@/app/_lib/moderation/context";
import { isId } from "@/app/_lib/schemas/ids";

const noStore = { "Cache-Control": "no-store" };

/** The queue's context panel: what a comment answers, where it sits, and its author's record. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in first." }, { status: 401, headers: noStore });
  if (!hasRole(viewer, "MODERATOR")) return NextResponse.json({ error: "You do not have access." }, { status: 403, headers: noStore });
  const { id } = await params;
  const context = isId(id) ? await commentContext(viewer, id) : null;
  if (!context) return NextResponse.json({ error: "This comment no longer exists." }, { status: 404, headers: noStore });
  return NextResponse.json(context, { headers: noStore });
}
