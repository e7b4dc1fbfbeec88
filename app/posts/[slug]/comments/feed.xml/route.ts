import { connection } from "next/server";
import { commentsFeed, rssResponse } from "@/app/_lib/feeds/rss";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  await connection();
  const xml = await commentsFeed((await params).slug);
  if (!xml) return new Response("No such post.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return rssResponse(xml);
}
