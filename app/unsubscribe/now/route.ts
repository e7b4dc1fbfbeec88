import { unsubscribe } from "@/app/_lib/mail/unsubscribe";

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("token") ?? "";

/** The email's link: one click unsubscribes, then the page shows what changed and offers Undo. */
export async function GET(request: Request): Promise<Response> {
  const token = tokenOf(request);
  await unsubscribe(token);
  return Response.redirect(new URL(`/unsubscribe?token=${encodeURIComponent(token)}`, request.url), 303);
}

/** RFC 8058 one-click: mail clients POST here from the List-Unsubscribe header. */
export async function POST(request: Request): Promise<Response> {
  const result = await unsubscribe(tokenOf(request));
  return new Response(result.ok ? `Unsubscribed from ${result.description}.` : result.message, {
    status: result.ok ? 200 : 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
