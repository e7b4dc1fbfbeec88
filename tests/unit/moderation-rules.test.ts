import { describe, expect, it } from "vitest";
import { applyRules, countLinks, findPhrase, type AuthorFacts, type RuleSettings } from "@/app/_lib/moderation/rules";

const settings = (overrides: Partial<RuleSettings> = {}): RuleSettings => ({
  blocklist: [],
  holdWords: [],
  maxLinks: 2,
  holdFirstComment: true,
  requirePreviousApproval: true,
  ...overrides,
});
const author = (overrides: Partial<AuthorFacts> = {}): AuthorFacts => ({ hasApprovedComment: true, alwaysPremoderate: false, trusted: false, ...overrides });

describe("automatic moderation rules", () => {
  it("holds everything by default: every comment waits for a moderator", () => {
    expect(applyRules("Fine words.", author(), settings())).toEqual({ status: "PENDING", reason: null });
  });

  it("holds an author whose email is not verified and who has no published comment; content rules and trust come first", () => {
    const unverified = author({ unverifiedEmail: true, hasApprovedComment: false });
    const open = settings({ requirePreviousApproval: false });
    expect(applyRules("Fine words.", author(), open).status).toBe("APPROVED");
    expect(applyRules("Fine words.", unverified, open)).toEqual({ status: "PENDING", reason: "held: email not verified" });
    expect(applyRules("Fine words.", unverified, settings())).toEqual({ status: "PENDING", reason: "held: email not verified" });
    // A moderator published this reader's comments before (an account older than verification):
    // the rules treat them as they did.
    expect(applyRules("Fine words.", { ...unverified, hasApprovedComment: true }, open)).toEqual({ status: "APPROVED", reason: null });
    expect(applyRules("casino", unverified, settings({ blocklist: ["casino"] })).status).toBe("SPAM");
    expect(applyRules("Fine words.", { ...unverified, trusted: true }, settings())).toEqual({ status: "APPROVED", reason: null });
  });

  it("blocklist sends a comment to spam, whole words, ignoring case and punctuation", () => {
    const rules = settings({ blocklist: ["cheap pills", "casino"] });
    expect(applyRules("Buy CHEAP   pills now!", author(), rules)).toEqual({ status: "SPAM", reason: "spam: contains the blocked phrase “cheap pills”" });
    expect(applyRules("Casino.", author({ trusted: true }), rules).status).toBe("SPAM");
    expect(applyRules("Occasionally", author(), rules).status).toBe("PENDING");
    expect(findPhrase("cheap-pills", ["cheap pills"])).toBe("cheap pills");
  });

  it("blocklist and hold words see through invisible characters and look-alike letters", () => {
    const rules = settings({ blocklist: ["casino"], holdWords: ["ivermectin"] });
    const disguisedCasino = [
      "cas\u200Bino", // zero-width space
      "ca\u00ADsi\u00ADno", // soft hyphens
      "c\u2060asi\u200Dno", // word joiner, zero-width joiner
      "\u202Ecasino\u202C", // bidirectional override
      "\uFEFFcasino", // byte-order mark
      "\u0441\u0430\u0455\u0456n\u043E", // Cyrillic с, а, ѕ, і, о
      "c\u03B1sino", // Greek α
      "CASI\u039D\u039F", // Greek capital Ν and Ο
      "\uFF43\uFF41\uFF53\uFF49\uFF4E\uFF4F", // fullwidth
      "\u{1D41C}\u{1D41A}\u{1D42C}\u{1D422}\u{1D427}\u{1D428}", // mathematical bold
      "CaSiNo",
      "CASIN0", // zero for O
    ];
    for (const word of disguisedCasino) {
      expect(applyRules(`Visit my ${word} tonight`, author({ trusted: true }), rules), JSON.stringify(word)).toEqual({ status: "SPAM", reason: "spam: contains the blocked phrase “casino”" });
    }
    expect(applyRules("Ask about \u0456verm\u0435ct\u0456n", author({ trusted: true }), rules)).toEqual({ status: "PENDING", reason: "held: contains “ivermectin”" });
    expect(applyRules("Ask about iver\u00ADmectin", author({ trusted: true }), rules).reason).toBe("held: contains “ivermectin”");
    // Capital I for l.
    expect(findPhrase("go to heII", ["hell"])).toBe("hell");
    // A list entry typed with look-alikes still matches the plain word.
    expect(findPhrase("a casino", ["\u0441asino"])).toBe("\u0441asino");
  });

  it("the words are checked as readers will see them: character references and combining marks hide nothing", () => {
    const rules = settings({ blocklist: ["casino"] });
    for (const body of ["Best &#99;asino in town", "Best cas&#8203;ino in town", "Best ca&shy;sino in town", "Best c&#x430;sino in town", "Best casi\u0307no in town", "Best **cas**ino? No: best [casino](https://example.org)"]) {
      expect(applyRules(body, author({ trusted: true }), rules), JSON.stringify(body)).toEqual({ status: "SPAM", reason: "spam: contains the blocked phrase “casino”" });
    }
  });

  it("ordinary words are not read as the blocked words they resemble in Unicode's data (\"m\" as \"rn\")", () => {
    const rules = settings({ blocklist: ["porn", "bum", "modem", "bam"] });
    for (const body of ["Our pom loves the park", "Don't burn the toast", "A modern approach", "Turn left at the barn"]) {
      expect(applyRules(body, author({ trusted: true }), rules), body).toEqual({ status: "APPROVED", reason: null });
    }
  });

  it("look-alike matching keeps whole words and punctuation as separators", () => {
    const rules = settings({ blocklist: ["casino", "cheap pills"] });
    expect(applyRules("Occasionally casinos close", author({ trusted: true }), rules).status).toBe("APPROVED");
    expect(findPhrase("cheap|pills", ["cheap pills"])).toBe("cheap pills");
    // Capital "I" looks like "l", not like "L".
    expect(findPhrase("HEIL", ["hell"])).toBeNull();
  });

  it("hold words keep a comment pending even for trusted authors", () => {
    const rules = settings({ holdWords: ["ivermectin"], requirePreviousApproval: false });
    expect(applyRules("What about ivermectin?", author({ trusted: true }), rules)).toEqual({ status: "PENDING", reason: "held: contains “ivermectin”" });
  });

  it("more links than allowed holds the comment and says how many", () => {
    const body = "See https://a.example, http://b.example and www.c.example";
    expect(countLinks(body)).toBe(3);
    expect(applyRules(body, author({ trusted: true }), settings())).toEqual({ status: "PENDING", reason: "held: contains 3 links" });
    expect(applyRules("[one](https://a.example) [two](https://b.example)", author({ trusted: true }), settings()).status).toBe("APPROVED");
  });

  it("a first comment is held when that rule is on, even with pre-approval off", () => {
    const rules = settings({ requirePreviousApproval: false });
    expect(applyRules("Hello", author({ hasApprovedComment: false }), rules)).toEqual({ status: "PENDING", reason: "held: first comment" });
    expect(applyRules("Hello", author({ hasApprovedComment: false }), settings({ holdFirstComment: false, requirePreviousApproval: false })).status).toBe("PENDING");
  });

  it("with pre-approval off, authors with an approved comment and no flags are approved", () => {
    const rules = settings({ requirePreviousApproval: false });
    expect(applyRules("Hello again", author({ hasApprovedComment: true }), rules)).toEqual({ status: "APPROVED", reason: null });
    expect(applyRules("Hello again", author({ hasApprovedComment: true }), settings()).status).toBe("PENDING");
  });

  it("always pre-moderate beats trusted and prior approvals", () => {
    const rules = settings({ requirePreviousApproval: false });
    expect(applyRules("Hi", author({ alwaysPremoderate: true, trusted: true }), rules)).toEqual({ status: "PENDING", reason: "held: author is always pre-moderated" });
  });

  it("trusted authors are approved unless a blocklist, hold or link rule matches, even on their first comment", () => {
    expect(applyRules("Hi", author({ trusted: true, hasApprovedComment: false }), settings())).toEqual({ status: "APPROVED", reason: null });
  });

  it("checks rules in order: blocklist, then hold words, then links", () => {
    const rules = settings({ blocklist: ["spam"], holdWords: ["hold"], maxLinks: 0 });
    expect(applyRules("spam hold https://x.example", author(), rules).status).toBe("SPAM");
    expect(applyRules("hold https://x.example", author(), rules).reason).toBe("held: contains “hold”");
    expect(applyRules("https://x.example", author(), rules).reason).toBe("held: contains 1 links");
  });
});
