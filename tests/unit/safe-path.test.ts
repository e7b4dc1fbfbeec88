import { describe, expect, it } from "vitest";
import { safeReturnPath, sameOriginRedirect } from "@/app/_lib/safe-path";

const SITE = "http://127.0.0.1:3000";

describe("where sign-in may send a reader back to", () => {
  it.each([
    ["/posts/a-post#reply", "/posts/a-post#reply"],
    ["/moderation?tab=approved", "/moderation?tab=approved"],
    ["/a/../b", "/b"],
    ["/%09/evil.example", "/%09/evil.example"],
  ])("keeps the same-site path %s", (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each(["/.//evil.example/phish", "/..//evil.example/phish", "/%2e//evil.example/phish", "/a/..//evil.example/phish", "/./\\evil.example", "//evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/\\/evil.example", "\t/evil.example", "https://evil.example/", "javascript:alert(1)", "evil.example", "", "/".repeat(501), 42, null])(
    "turns %j into the site's root",
    (value) => {
      expect(safeReturnPath(value)).toBe("/");
    },
  );

  it("NextAuth redirects stay on this site, compared by parsed origin", () => {
    expect(sameOriginRedirect("/posts/x", SITE)).toBe(`${SITE}/posts/x`);
    expect(sameOriginRedirect(`${SITE}/account`, SITE)).toBe(`${SITE}/account`);
    for (const hostile of [`${SITE}@evil.example/`, `${SITE}.evil.example/`, "http://127.0.0.1:3000@evil.example/x", "//evil.example", "/\t/evil.example", "https://evil.example", "http://127.0.0.1:3001/", "javascript:alert(1)", "not a url"]) {
      expect(sameOriginRedirect(hostile, SITE), hostile).toBe(`${SITE}/`);
    }
  });
});
