import { describe, expect, it } from "vitest";
import { requestedCommentsPage } from "@/app/_lib/posts/page-number";

describe("which thread page an address names", () => {
  it("only a plain positive whole number names a page", () => {
    expect(requestedCommentsPage(undefined)).toBe(1);
    expect(requestedCommentsPage("1")).toBe(1);
    expect(requestedCommentsPage("2")).toBe(2);
    expect(requestedCommentsPage("999999999")).toBe(999_999_999);
    for (const value of ["", "0", "-1", "+2", "1.5", "2.0", "01", "1e3", "0x10", " 2", "2 ", "abc", "Infinity", "NaN", "1000000000", "99999999999999999999", ["1", "2"]]) {
      expect(requestedCommentsPage(value), JSON.stringify(value)).toBeNull();
    }
  });
});
