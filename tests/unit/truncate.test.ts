import { describe, expect, it } from "vitest";
import { excerpt, truncate } from "@/app/_lib/content/truncate";

describe("truncate and excerpt", () => {
  it("count characters, not UTF-16 units, and never split one", () => {
    expect(truncate("abc", 5)).toBe("abc");
    expect(truncate("ab😀cd", 3)).toBe("ab😀");
    expect(truncate("ab😀cd", 2)).toBe("ab");
    expect(() => encodeURIComponent(truncate("😀😀😀", 2))).not.toThrow();
    expect(excerpt("ab😀😀", 4)).toBe("ab😀😀");
    expect(excerpt("ab😀😀x", 4)).toBe("ab😀…");
  });
});
