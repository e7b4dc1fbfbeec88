import { beforeEach, describe, expect, it } from "vitest";
import { cachedPage, INDEX_TAG, pageCacheChanged, pageCacheGeneration, pageTags, postPageTag, storePage } from "@/app/_lib/page-cache";

const page = (text: string) => ({ status: 200, headers: { "content-type": "text/html" }, body: Buffer.from(text), storedAt: Date.now() });
const keys = ["http /posts/alpha", "http /posts/alpha?comments=2", "http /posts/alpha/comments/feed.xml", "http /posts/beta", "http /", "http /feed.xml"];
const store = () => keys.forEach((key) => storePage(key, page(key), pageCacheGeneration()));
const kept = () => keys.filter((key) => cachedPage(key) !== null);

describe("the page cache drops only what a change touches", () => {
  beforeEach(() => pageCacheChanged());

  it("tags each address with what it shows", () => {
    expect(pageTags("https /posts/alpha?comments=3")).toEqual([postPageTag("alpha")]);
    expect(pageTags("http /posts/alpha/comments/feed.xml")).toEqual([postPageTag("alpha")]);
    expect(pageTags("http /")).toEqual([INDEX_TAG]);
    expect(pageTags("http /feed.xml")).toEqual([INDEX_TAG]);
  });

  it("a change to one post drops its pages, its comments feed and the listings, and keeps other posts", () => {
    store();
    expect(kept()).toEqual(keys);
    pageCacheChanged([postPageTag("alpha"), INDEX_TAG]);
    expect(kept()).toEqual(["http /posts/beta"]);
  });

  it("a site-wide change drops every page", () => {
    store();
    pageCacheChanged();
    expect(kept()).toEqual([]);
  });

  it("a page rendered before any change is not stored after it", () => {
    const before = pageCacheGeneration();
    pageCacheChanged([postPageTag("beta")]);
    storePage("http /posts/alpha", page("rendered before the change"), before);
    expect(cachedPage("http /posts/alpha")).toBeNull();
  });
});
