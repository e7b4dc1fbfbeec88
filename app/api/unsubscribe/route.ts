import { unsubscribe } from "@/app/_lib/mail/unsubscribe";

/** RFC 8058 one-click unsubscribe: mail clients POST here from the List-Unsubscribe header. */
export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const result = await unsubscribe(token);
  return new Response(result.ok ? `Unsubscribed from ${result.description}.` : result.message, {
    status: result.ok ? 200 : 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Someone opened the header's address in a browser: show the page with its button. */
export function GET(request: Request): Response {
  const url = new URL(request.url);
  return Response.redirect(new URL(`/unsubscribe${url.search}`, url), 303);
}
