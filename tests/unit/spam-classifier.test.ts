import { describe, expect, it } from "vitest";
import { emptyModel, exampleCounts, forgetExamples, learnExamples, spamScorer } from "@/app/_lib/spam/classifier";
import { starterModel, STARTER_EXAMPLES } from "@/app/_lib/spam/starter";
import { filterVerdict } from "@/app/_lib/spam/threshold";
import { spamFeatures, spamTokens } from "@/app/_lib/spam/tokens";

describe("the words the filter weighs", () => {
  it("are lower-cased words and link hosts", () => {
    expect(spamTokens("Buy CHEAP pills at https://www.Pills.example/now, it's great")).toEqual(["link:pills.example", "buy", "cheap", "pills", "at", "https", "www", "pills", "example", "now", "it's", "great"]);
  });

  it("are bounded however long or strange the text", () => {
    expect(spamTokens("word ".repeat(100_000)).length).toBeLessThanOrEqual(1_500);
    expect(spamTokens("a".repeat(1_000_000)).every((token) => token.length <= 30)).toBe(true);
    expect(spamTokens("https://x.example ".repeat(10_000)).filter((token) => token.startsWith("link:")).length).toBeLessThanOrEqual(150);
  });

  it("are stored as at most 200 hashed features a text, so invented words cannot grow the model without end", () => {
    const invented = Array.from({ length: 1_500 }, (_, index) => `w${index.toString(36)}x`).join(" ");
    expect(spamFeatures(invented).length).toBe(200);
    expect(new Set(spamFeatures("Buy cheap pills buy CHEAP pills")).size).toBe(3);
    expect(spamFeatures("Buy cheap pills").every((feature) => /^[0-9a-z]{1,4}$/.test(feature))).toBe(true);
    // A thousand spam comments of new words each: the model stays within its buckets.
    let model = starterModel();
    for (let round = 0; round < 10; round++) {
      const examples = Array.from({ length: 100 }, (_, index) => ({ text: Array.from({ length: 300 }, (_, word) => `r${round}c${index}w${word}`).join(" "), label: "spam" as const }));
      model = learnExamples(model, examples);
    }
    expect(model.length).toBeLessThan(2_000_000);
  });
});

describe("the naive Bayes model", () => {
  it("starts from the built-in examples and tells their kinds apart", () => {
    expect(exampleCounts(starterModel())).toEqual({ spam: STARTER_EXAMPLES.filter((e) => e.label === "spam").length, ham: STARTER_EXAMPLES.filter((e) => e.label === "ham").length });
    const score = spamScorer(starterModel());
    expect(score("Cheap pills online, buy now with free shipping https://pills.example")).toBeGreaterThan(0.9);
    expect(score("The trial's follow-up was too short to tell whether a second MRI changes anything for patients.")).toBeLessThan(0.1);
    // Nothing it has seen: no opinion.
    expect(score("zzqx wvvk")).toBe(0.5);
  });

  it("learns from a decision, and unlearns it exactly when the decision is taken back", () => {
    const start = starterModel();
    const lesson = [{ text: "Order quuxapram tablets from the quuxapram store today", label: "spam" as const }];
    const learnt = learnExamples(start, lesson);
    expect(spamScorer(learnt)("quuxapram tablets")).toBeGreaterThan(spamScorer(start)("quuxapram tablets"));
    expect(exampleCounts(learnt).spam).toBe(exampleCounts(start).spam + 1);
    expect(forgetExamples(learnt, lesson)).toBe(start);
  });

  it("forgets only what it learnt: unlearning an example it never saw leaves the counts whole", () => {
    const start = starterModel();
    const once = learnExamples(start, [{ text: "alpha beta", label: "ham" }]);
    const forgotten = forgetExamples(forgetExamples(once, [{ text: "alpha beta", label: "ham" }]), [{ text: "alpha beta", label: "ham" }]);
    expect(exampleCounts(forgotten).ham).toBe(exampleCounts(start).ham - 1);
    expect(JSON.parse(forgotten)[2].ham).not.toHaveProperty("alpha");
  });

  it("has no opinion until it knows two kinds and a few words", () => {
    expect(spamScorer(emptyModel())("anything at all")).toBe(0.5);
    expect(spamScorer(learnExamples(emptyModel(), [{ text: "only spam here", label: "spam" }]))("only spam")).toBe(0.5);
  });

  it("scores a huge or pathological comment in bounded time, and always between 0 and 1", () => {
    const score = spamScorer(learnExamples(starterModel(), Array.from({ length: 200 }, (_, index) => ({ text: `common words ${index} casino bonus`, label: index % 2 ? "spam" : "ham" }))));
    const hostile = ["a".repeat(1_000_000), "casino ".repeat(200_000), "\u0301".repeat(500_000), "ｃａｓｉｎｏ ".repeat(50_000), `${"x".repeat(29)} `.repeat(40_000)];
    const started = performance.now();
    for (const text of hostile) {
      const value = score(text);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("the threshold", () => {
  const held = { status: "PENDING" as const, reason: "held: first comment" };

  it("sends a comment rated at or above it to Spam, with the rating", () => {
    expect(filterVerdict(held, 0.97, 90)).toEqual({ status: "SPAM", reason: "spam: the filter rates it 97% likely spam (the threshold is 90%)" });
    expect(filterVerdict({ status: "APPROVED", reason: null }, 0.9, 90).status).toBe("SPAM");
    expect(filterVerdict(held, 0.899, 90)).toBe(held);
  });

  it("only advises when off, and leaves the rules' own spam verdict alone", () => {
    expect(filterVerdict(held, 1, 0)).toBe(held);
    const blocked = { status: "SPAM" as const, reason: "spam: contains the blocked phrase “casino”" };
    expect(filterVerdict(blocked, 1, 50)).toBe(blocked);
  });
});
