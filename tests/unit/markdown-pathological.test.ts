import { afterAll, describe, expect, it } from "vitest";
import { renderCommentMarkdown, renderPostMarkdown } from "@/app/_lib/content/markdown";
import { MAX_NESTING, nestingDepth } from "@/app/_lib/content/nesting";
import { commentInput } from "@/app/_lib/schemas/comment";
import { PATHOLOGICAL_MARKDOWN } from "../support/hostile-inputs";

// Far above what any of these takes (milliseconds); only a parser gone quadratic or worse on a
// 5,000-character comment, which would stall a page for everyone, comes near it.
const RENDER_BOUND_MS = 2000;
const timings: string[] = [];

afterAll(() => {
  console.log(`Render time per pathological comment (bound ${RENDER_BOUND_MS} ms):\n  ${timings.join("\n  ")}`);
});

const form = (body: string) => ({ postId: "ckpost00000000000000000000", body, acceptTerms: "on", termsVersion: "1", submissionKey: crypto.randomUUID() });

describe("pathological Markdown", () => {
  it.each(Object.entries(PATHOLOGICAL_MARKDOWN))("%s: renders to safe HTML within the bound, for comments and posts", (name, text) => {
    expect(text.length).toBeLessThanOrEqual(5000);
    const started = performance.now();
    const comment = renderCommentMarkdown(text);
    const elapsed = performance.now() - started;
    const post = renderPostMarkdown(text);
    timings.push(`${elapsed.toFixed(1).padStart(7)} ms  ${name}`);
    expect(elapsed).toBeLessThan(RENDER_BOUND_MS);
    for (const html of [comment, post]) {
      expect(html).not.toMatch(/<(script|iframe|img|style)\b/i);
      expect(html.length).toBeGreaterThan(0);
    }
  });

  it("a comment nesting quotes or lists past the limit is refused at the field with the depth, and one at the limit is accepted", () => {
    for (const body of ["> ".repeat(2400) + "x", "- ".repeat(50) + "x", Array.from({ length: 40 }, (_, level) => `${"  ".repeat(level)}- item`).join("\n")]) {
      const parsed = commentInput.safeParse(form(body));
      expect(parsed.success).toBe(false);
      const messages = parsed.error!.issues.filter((issue) => issue.path[0] === "body").map((issue) => issue.message);
      expect(messages).toEqual([`Quotes and lists can be nested at most ${MAX_NESTING} deep; this comment nests them ${nestingDepth(body).toLocaleString("en")} deep.`]);
    }
    const deepest = "> ".repeat(MAX_NESTING) + "the deepest quote allowed";
    expect(commentInput.safeParse(form(deepest)).success).toBe(true);
    expect(commentInput.safeParse(form("- a\n  - b\n    - c\n> quoted\n> > twice")).success).toBe(true);
  });

  it("inline nesting is bounded too: a comment with more than 500 emphasis and link marks is refused at the field; snake_case words do not count", () => {
    const nested = "*a ".repeat(1249) + "x" + "*".repeat(1249);
    const parsed = commentInput.safeParse(form(nested));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.message)).toEqual(["A comment can use at most 500 emphasis and link marks (* _ ~ [); this one has 2,498."]);
    expect(commentInput.safeParse(form("see snake_case_name and my_file_name ".repeat(100))).success).toBe(true);
    expect(commentInput.safeParse(form("*really* ".repeat(250))).success).toBe(true);
  });

  it("a stored text that still breaks the parser is shown as the escaped text typed, never an error", () => {
    // Stored before the schema bound existed, or imported: the renderer must not throw.
    const hostile = `${"> ".repeat(3000)}<script>window.__pwned = 1</script>`;
    for (const render of [renderCommentMarkdown, renderPostMarkdown]) {
      const html = render(hostile);
      expect(html).toContain("&lt;script&gt;window.__pwned = 1&lt;/script&gt;");
      expect(html).not.toContain("<script");
      expect(html.startsWith("<p>&gt; &gt; ")).toBe(true);
    }
  });
});
