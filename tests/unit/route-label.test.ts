import { describe, expect, it } from "vitest";
import { routeLabeller } from "@/app/_lib/operations/route-label";

// The shape Next writes to .next/routes-manifest.json.
const manifest = {
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/moderation", regex: "^/moderation(?:/)?$" },
    { page: "/robots.txt", regex: "^/robots\\.txt(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/posts/[slug]", regex: "^/posts/([^/]+?)(?:/)?$" },
    { page: "/posts/[slug]/comments/feed.xml", regex: "^/posts/([^/]+?)/comments/feed\\.xml(?:/)?$" },
  ],
};

describe("route labels for metrics", () => {
  const label = routeLabeller(manifest);

  it("names a request by the route that answers it, not by its address", () => {
    expect(label("/")).toBe("/");
    expect(label("/moderation/")).toBe("/moderation");
    expect(label("/posts/mri-in-follow-up-of-sciatica")).toBe("/posts/[slug]");
    expect(label("/posts/a/comments/feed.xml")).toBe("/posts/[slug]/comments/feed.xml");
    expect(label("/robots.txt")).toBe("/robots.txt");
    expect(label("/_next/static/chunks/app-123.js")).toBe("/_next/static");
  });

  it("keeps the number of labels bounded however many addresses are requested", () => {
    const labels = new Set(Array.from({ length: 10_000 }, (_, index) => label(`/no-such-page-${index}/${"x".repeat(index % 50)}`)));
    expect([...labels]).toEqual(["unmatched"]);
  });
});
