import { describe, expect, it } from "vitest";
import { formatLongDate, responsesHeading } from "@/app/_lib/format";

describe("formatting", () => {
  it("writes dates in the journal's style with ordinals", () => {
    const cases: [string, string][] = [
      ["2013-03-15", "March 15th, 2013"],
      ["2020-01-01", "January 1st, 2020"],
      ["2020-01-02", "January 2nd, 2020"],
      ["2020-01-03", "January 3rd, 2020"],
      ["2020-01-11", "January 11th, 2020"],
      ["2020-01-12", "January 12th, 2020"],
      ["2020-01-13", "January 13th, 2020"],
      ["2020-01-21", "January 21st, 2020"],
      ["2020-01-22", "January 22nd, 2020"],
      ["2020-12-31", "December 31st, 2020"],
    ];
    for (const [iso, text] of cases) expect(formatLongDate(new Date(`${iso}T12:00:00Z`))).toBe(text);
  });

  it("counts responses in the heading", () => {
    expect(responsesHeading(0, "T")).toBe("No Responses to “T”");
    expect(responsesHeading(1, "T")).toBe("1 Response to “T”");
    expect(responsesHeading(3, "T")).toBe("3 Responses to “T”");
  });
});

describe("formatDuration", () => {
  it("names the two largest units and drops the rest", async () => {
    const { formatDuration } = await import("@/app/_lib/format");
    expect(formatDuration(400)).toBe("less than a second");
    expect(formatDuration(40_000)).toBe("40 seconds");
    expect(formatDuration(61_000)).toBe("1 minute 1 second");
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000 + 7_000)).toBe("3 hours 5 minutes");
    expect(formatDuration(3 * 3_600_000 + 7_000)).toBe("3 hours");
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000 + 60_000)).toBe("2 days 4 hours");
    expect(formatDuration(86_400_000)).toBe("1 day");
  });
});
