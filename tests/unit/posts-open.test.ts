import { describe, expect, it } from "vitest";
import { acceptsComments } from "@/app/_lib/posts/open";

describe("whether a post takes comments", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const post = (daysOld: number, commentsOpen = true) => ({ commentsOpen, publishedAt: new Date(now.getTime() - daysOld * 86_400_000) });

  it("follows the post's own switch", () => {
    expect(acceptsComments(post(1, false), 0, now)).toBe(false);
    expect(acceptsComments(post(10_000), 0, now)).toBe(true);
  });

  it("closes posts older than the site's limit, up to and including the last day", () => {
    expect(acceptsComments(post(30), 30, now)).toBe(true);
    expect(acceptsComments(post(30.01), 30, now)).toBe(false);
    expect(acceptsComments(post(31, false), 30, now)).toBe(false);
  });
});
