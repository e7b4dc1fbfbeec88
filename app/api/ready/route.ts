import { readiness } from "@/app/_lib/operations/readiness";

/** Readiness for a load balancer: 200 when this instance can serve readers, 503 with the failing checks when not. */
export async function GET(): Promise<Response> {
  const { ready, checks } = await readiness();
  return Response.json({ status: ready ? "ready" : "unavailable", checks }, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
