import { connection } from "next/server";
import { postsFeed, rssResponse } from "@/app/_lib/feeds/rss";

export async function GET(): Promise<Response> {
  await connection();
  return rssResponse(await postsFeed());
}
