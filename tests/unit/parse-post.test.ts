import { describe, expect, it } from "vitest";
import { escapeMarkdown, parseLongDate, parsePostText, slugify } from "@/prisma/seed/parse-post";
import { renderPostMarkdown } from "@/app/_lib/content/markdown";

const sample = `A Title: With * Stars

Posted by Jo Bloggs • January 2nd, 2020

First paragraph with P<0.05 and [brackets].

Section Heading

• A question?

An answer.

Table 1. Caption text.

Q: Asked?

A: Answered.

2 Responses to “A Title”

  1. Ann says:

    Line one
    Line two

  2. Bob says:

    Short.

Leave a Reply

Please note: this is page chrome.`;

describe("reading a post saved as text", () => {
  const post = parsePostText(sample);

  it("finds the title, byline, date and slug", () => {
    expect(post).toMatchObject({ title: "A Title: With * Stars", authorName: "Jo Bloggs", slug: "a-title-with-stars" });
    expect(post.publishedAt.toISOString()).toBe("2020-01-02T12:00:00.000Z");
  });

  it("keeps the responses with their authors and line breaks, and stops at the page's own text", () => {
    expect(post.responses).toEqual([
      { authorName: "Ann", body: "Line one\nLine two" },
      { authorName: "Bob", body: "Short." },
    ]);
    expect(post.body).not.toContain("Leave a Reply");
  });

  it("renders headings, questions, the figure caption and Q/A pairs with the text unchanged", () => {
    const html = renderPostMarkdown(post.body);
    expect(html).toContain("<p>First paragraph with P&lt;0.05 and [brackets].</p>");
    expect(html).toContain("<h2>Section Heading</h2>");
    expect(html).toContain("<h3>A question?</h3>");
    expect(html).toContain("<figcaption>Table 1. Caption text.</figcaption>");
    expect(html).toContain("<strong>Q:</strong> Asked?");
  });

  it("refuses text that does not start like a post", () => {
    expect(() => parsePostText("Just a line")).toThrow("Posted by");
  });

  it("parses dates and escapes Markdown", () => {
    expect(parseLongDate("March 15th, 2013").toISOString().slice(0, 10)).toBe("2013-03-15");
    expect(() => parseLongDate("15/03/2013")).toThrow();
    expect(escapeMarkdown("*a* <b> _c_")).toBe("\\*a\\* \\<b\\> \\_c\\_");
    expect(slugify("Ça va? Déjà vu!")).toBe("ca-va-deja-vu");
  });
});
