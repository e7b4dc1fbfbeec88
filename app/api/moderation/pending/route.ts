import { NextResponse, type NextRequest } from "next/server";
import { hasRole } from "@/app/_lib/auth/require";
import { getViewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";

/** For the live queue: how many comments are pending, and how many arrived after `since`. */
export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  if (!hasRole(viewer, "MODERATOR")) return NextResponse.json({ error: "You do not have access." }, { status: 403 });
  const since = new Date(request.nextUrl.searchParams.get("since") ?? "");
  const [pending, newSince] = await Promise.all([
    db.comment.count({ where: { status: "PENDING" } }),
    Number.isNaN(since.getTime()) ? 0 : db.comment.count({ where: { status: "PENDING", createdAt: { gt: since } } }),
  ]);
  return NextResponse.json({ pending, newSince }, { headers: { "Cache-Control": "no-store" } });
}
