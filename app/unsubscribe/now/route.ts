import { checkLink, unsubscribe } from "@/app/_lib/mail/unsubscribe";

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("token") ?? "";

const plain = (status: number, text: string) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * The email's link. Mail scanners and link previews open every link in a message, so opening it
 * changes nothing: it leads to a page that says what the link turns off and asks the person to
 * press Unsubscribe.
 */
export async function GET(request: Request): Promise<Response> {
  return Response.redirect(new URL(`/unsubscribe?token=${encodeURIComponent(tokenOf(request))}`, request.url), 303);
}

/**
 * RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click` here, from the email's
 * List-Unsubscribe header, with no cookies. The token is checked before the body is read, and a
 * POST without that body changes nothing.
 */
export async function POST(request: Request): Promise<Response> {
  const token = tokenOf(request);
  const link = checkLink(token);
  if (!link.ok) return plain(400, link.message);
  const form = await request.formData().catch(() => null);
  if (form?.get("List-Unsubscribe") !== "One-Click") {
    return plain(400, "Nothing was changed. To unsubscribe, open this link in a browser and press Unsubscribe.");
  }
  const result = await unsubscribe(token);
  return result.ok ? plain(200, `Unsubscribed from ${result.description}.`) : plain(400, result.message);
}
