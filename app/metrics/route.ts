import { carriesMetricsToken, scrapeMetrics } from "@/app/_lib/operations/scrape";

/**
 * Prometheus metrics, for a scraper holding METRICS_TOKEN (`Authorization: Bearer …`). Without a
 * configured token the endpoint does not exist: queue depths and traffic are nobody else's business.
 */
export async function GET(request: Request): Promise<Response> {
  const token = process.env.METRICS_TOKEN;
  if (!token) return new Response("Not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!carriesMetricsToken(request.headers.get("authorization"), token)) {
    return new Response("A metrics token is required.", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"' } });
  }
  try {
    const { body, contentType } = await scrapeMetrics();
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  } catch {
    // The gauges come from the database: without it the scrape fails plainly, naming no host.
    return new Response("The database did not answer; metrics are unavailable.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
}
