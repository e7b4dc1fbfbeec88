import { describe, expect, it } from "vitest";
import { renderCommentMarkdown, renderPostMarkdown } from "@/app/_lib/content/markdown";

const render = renderCommentMarkdown;

describe("comment Markdown", () => {
  it("renders the supported subset", () => {
    expect(render("*em* **strong** `code`")).toBe("<p><em>em</em> <strong>strong</strong> <code>code</code></p>\n");
    expect(render("- one\n- two")).toContain("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(render("> quoted")).toContain("<blockquote>");
    expect(render("line one\nline two")).toBe("<p>line one<br />line two</p>\n");
  });

  it("shows script tags as text", () => {
    const html = render("<script>alert(1)</script>");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("drops javascript:, data: and vbscript: links but keeps their text", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "java\tscript:alert(1)"]) {
      const html = render(`[click](${href})`);
      expect(html).not.toMatch(/href="(?!https?:)/i);
      expect(html).toContain("click");
    }
  });

  it("marks links as user content that passes no ranking", () => {
    expect(render("[site](https://example.org)")).toBe('<p><a href="https://example.org" rel="nofollow ugc noopener" target="_blank">site</a></p>\n');
    expect(render("see https://example.org")).toContain('rel="nofollow ugc noopener"');
  });

  it("never lets event-handler attributes through", () => {
    for (const payload of ['<img src=x onerror="alert(1)">', '<a href="https://x.org" onclick="alert(1)">x</a>', '<div onmouseover="alert(1)">hover</div>', "<svg onload=alert(1)>"]) {
      const html = render(payload);
      expect(html).not.toMatch(/<(img|svg|div|a)\b[^>]*\bon\w+=/i);
      expect(html).not.toMatch(/<img|<svg|<div/i);
    }
  });

  it("shows images as their alt text, so no remote request or onerror can happen", () => {
    const html = render('![alt text](https://example.org/x.png "t") and ![x](x" onerror="alert(1))');
    expect(html).not.toContain("<img");
    expect(html).toContain("alt text");
  });

  it("drops headings and tables to plain text", () => {
    expect(render("# Big")).toBe("<p>Big</p>\n");
    expect(render("| a |\n|---|\n| b |")).not.toContain("<table");
  });
});

describe("post Markdown", () => {
  it("allows editorial structure but still no scripts or handlers", () => {
    const html = renderPostMarkdown('## Heading\n\n<figure onclick="x()">\n<figcaption>Cap</figcaption>\n</figure>\n\n<script>x()</script><iframe src="https://evil"></iframe>');
    expect(html).toContain("<h2>Heading</h2>");
    expect(html).toContain("<figure>");
    expect(html).toContain("<figcaption>Cap</figcaption>");
    expect(html).not.toMatch(/script|iframe|onclick/);
  });
});
