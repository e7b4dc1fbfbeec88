import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "@/proxy";
import { scriptlessPolicy } from "@/scripts/lib/scriptless-policy";

const NONCE = "MzFkYjc0ZWItNGY1Ni00ZDkyLWE3ZTgtYmQ2ZmE2NzFhZTQw";

// What a visitor's post page is once its scripts are cut: the nonce survives on the stylesheet.
const DOCUMENT = [
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
  `<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="${NONCE}" data-precedence="next"/>`,
  '<script type="application/ld+json">{"@type":"BlogPosting"}</script>',
  "</head><body><h1>A post</h1><p>nonce=&quot;guess&quot; in a reader&#x27;s words</p></body></html>",
].join("");

const headers = (https = false) => ({
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": contentSecurityPolicy(NONCE, https),
  link: `</_next/static/chunks/a.css>; rel=preload; as="style"; nonce="${NONCE}", </_next/static/media/f.woff2>; rel=preload; as="font"; crossorigin=""; nonce="${NONCE}"; type="font/woff2"`,
  "x-frame-options": "DENY",
});

describe("the policy of a document that runs no script", () => {
  it("allows no script at all and keeps every other directive as the render had it", () => {
    const given = headers();
    const kept = scriptlessPolicy(DOCUMENT, given)!;
    const directives = kept.headers["content-security-policy"]!.split("; ");
    expect(directives).toContain("script-src 'none'");
    expect(directives.filter((directive) => directive.startsWith("script-src"))).toHaveLength(1);
    expect(directives.filter((directive) => !directive.startsWith("script-src"))).toEqual(given["content-security-policy"].split("; ").filter((directive) => !directive.startsWith("script-src")));
    expect(kept.headers["x-frame-options"]).toBe("DENY");
  });

  it("keeps upgrade-insecure-requests behind an HTTPS proxy", () => {
    const kept = scriptlessPolicy(DOCUMENT, headers(true))!;
    expect(kept.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(kept.headers["content-security-policy"]).toContain("script-src 'none'");
  });

  it("takes the render's nonce out of the document and the Link header, and nothing else", () => {
    const kept = scriptlessPolicy(DOCUMENT, headers())!;
    expect(kept.body).toBe(DOCUMENT.replace(` nonce="${NONCE}"`, ""));
    expect(kept.body).toContain("nonce=&quot;guess&quot;");
    expect(kept.headers.link).toBe('</_next/static/chunks/a.css>; rel=preload; as="style", </_next/static/media/f.woff2>; rel=preload; as="font"; crossorigin=""; type="font/woff2"');
    expect(JSON.stringify(kept)).not.toContain(NONCE);
  });

  it("keeps nothing when the nonce is left somewhere it cannot be taken out", () => {
    expect(scriptlessPolicy(`${DOCUMENT}<div data-n="${NONCE}"></div>`, headers())).toBeNull();
    expect(scriptlessPolicy(DOCUMENT, { ...headers(), "content-security-policy": `${contentSecurityPolicy(NONCE, false)}; script-src-elem 'nonce-${NONCE}'` })).toBeNull();
    expect(scriptlessPolicy(DOCUMENT, { ...headers(), "x-nonce": NONCE })).toBeNull();
  });

  it("leaves a response without a nonce as it is", () => {
    const given = { "content-type": "application/rss+xml" };
    expect(scriptlessPolicy("<rss/>", given)).toEqual({ body: "<rss/>", headers: given });
  });
});
