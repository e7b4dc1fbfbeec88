import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { withoutScripts } from "@/scripts/lib/without-scripts";
import { holdUntilEnd } from "@/scripts/lib/response-capture";

// The shape of what Next writes for a visitor's post page, shortened.
const NEXT_DOCUMENT = [
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="N" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" nonce="N" href="/_next/static/chunks/b.js"/>',
  '<link rel="modulepreload" href="/_next/static/chunks/m.js"/>',
  '<script src="/_next/static/chunks/b.js" async="" nonce="N"></script>',
  '<script src="/_next/static/chunks/p.js" noModule="" nonce="N"></script>',
  '<link rel="canonical" href="http://example.test/posts/a"/>',
  '<script type="application/ld+json">{"@type":"BlogPosting"}</script>',
  "</head><body><main><h1>A post</h1>",
  // A reader's words arrive escaped, in the page and in React's data.
  '<p>I wrote &lt;script&gt;alert(1)&lt;/script&gt; here.</p>',
  "</main>",
  '<script nonce="N">(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script nonce="N">self.__next_f.push([1,"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"])</script>',
  "</body></html>",
].join("");

describe("a visitor's document without Next's runtime", () => {
  it("cuts every script that would run and every hint to fetch one, and keeps the rest byte for byte", () => {
    expect(withoutScripts(NEXT_DOCUMENT)).toBe(
      [
        '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
        '<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="N" data-precedence="next"/>',
        '<link rel="canonical" href="http://example.test/posts/a"/>',
        '<script type="application/ld+json">{"@type":"BlogPosting"}</script>',
        "</head><body><main><h1>A post</h1>",
        '<p>I wrote &lt;script&gt;alert(1)&lt;/script&gt; here.</p>',
        "</main>",
        "</body></html>",
      ].join(""),
    );
  });

  it("cuts scripts of any executable type, in any case, and one left open runs to the end", () => {
    const html = '<p>a</p><SCRIPT type="module">1</SCRIPT><script type="text/javascript">2</script><script type=" application/json ">{}</script><p>b</p><script>never closed <p>c</p>';
    expect(withoutScripts(html)).toBe('<p>a</p><script type=" application/json ">{}</script><p>b</p>');
  });

  it("leaves a document without scripts as it is", () => {
    const html = "<!DOCTYPE html><html><body><p>Nothing to cut &amp; nothing to change.</p></body></html>";
    expect(withoutScripts(html)).toBe(html);
  });

  it("takes time in proportion to the document, even for thousands of scripts", () => {
    const html = `<body>${'<script nonce="N">x</script><p>kept</p>'.repeat(50_000)}</body>`;
    const started = performance.now();
    const result = withoutScripts(html);
    // A bound against quadratic work (seconds), not a speed target.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toBe(`<body>${"<p>kept</p>".repeat(50_000)}</body>`);
  });
});

describe("holding a response back until it ends", () => {
  async function serve(write: (response: ServerResponse) => void, change: (body: string) => string) {
    const server = createServer((_request, response) => {
      holdUntilEnd(response, (body, send) => send(Buffer.from(change(body.toString("utf8")))));
      write(response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      return { status: answer.status, headers: Object.fromEntries(answer.headers), body: await answer.text() };
    } finally {
      server.close();
    }
  }

  it("sends the changed body, with its own length, though Next flushed the headers and streamed chunks", async () => {
    const seen = await serve(
      (response) => {
        response.setHeader("content-type", "text/html; charset=utf-8");
        response.flushHeaders();
        response.write("<p>one</p>");
        response.write(Buffer.from("<script>two</script>"));
        response.end("<p>three</p>");
      },
      withoutScripts,
    );
    expect(seen).toMatchObject({ status: 200, body: "<p>one</p><p>three</p>", headers: { "content-length": "22", "content-type": "text/html; charset=utf-8" } });
  });

  it("sends the body as Next wrote it when the change fails, rather than leaving the client waiting", async () => {
    const seen = await serve(
      (response) => {
        response.setHeader("content-type", "text/html");
        response.end("<p>as rendered</p><script>x</script>");
      },
      () => {
        throw new Error("the change failed");
      },
    );
    expect(seen).toMatchObject({ status: 200, body: "<p>as rendered</p><script>x</script>" });
  });

  it("holds headers formed before the first write, so the changed body gets its own length and the headers can still change", async () => {
    const server = createServer((_request, response) => {
      holdUntilEnd(response, (body, send) => {
        response.setHeader("content-security-policy", "script-src 'none'");
        send(Buffer.from(withoutScripts(body.toString("utf8"))));
      });
      // What Next's compression does: it forms the headers, then writes through.
      response.writeHead(201, "Made", { "content-type": "text/html", "content-security-policy": "script-src 'nonce-N'" });
      response.writeHead(201, [["x-pairs", "one"]]);
      response.writeHead(201, ["x-flat", "two"]);
      response.write("<p>kept</p><script>cut</script>");
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(answer.status).toBe(201);
      expect(answer.statusText).toBe("Made");
      expect(Object.fromEntries(answer.headers)).toMatchObject({ "content-length": "11", "content-type": "text/html", "content-security-policy": "script-src 'none'", "x-pairs": "one", "x-flat": "two" });
      expect(answer.headers.get("transfer-encoding")).toBeNull();
      expect(await answer.text()).toBe("<p>kept</p>");
    } finally {
      server.close();
    }
  });
});
