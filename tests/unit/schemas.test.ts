import { describe, expect, it } from "vitest";
import { registerInput, signInInput } from "@/app/_lib/schemas/account";
import { commentInput, COMMENT_MAX } from "@/app/_lib/schemas/comment";
import { publishTermsInput } from "@/app/_lib/schemas/terms";

const key = "6f1c2b1e-8a2d-4c3b-9e4f-0a1b2c3d4e5f";
const base = { postId: "post_1", body: "Hello", acceptTerms: "on", termsVersion: "2", submissionKey: key };
const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

describe("the comment schema", () => {
  it("accepts a form submission and converts its strings", () => {
    expect(commentInput.parse({ ...base, parentId: "" })).toEqual({
      postId: "post_1",
      body: "Hello",
      acceptTerms: true,
      termsVersion: 2,
      submissionKey: key,
      notifyReplies: false,
      parentId: undefined,
    });
  });

  it("requires the terms box", () => {
    for (const acceptTerms of [undefined, "", "off", "false"]) {
      expect(errorsOf(commentInput.safeParse({ ...base, acceptTerms }))).toEqual({
        acceptTerms: "Tick the box to agree to the Terms and Conditions before posting.",
      });
    }
  });

  it("refuses empty, whitespace-only and invisible-only text", () => {
    for (const body of ["", "   ", "\n\t\r\n", "\u200B\u200B", "\u0000\u0001", undefined]) {
      expect(errorsOf(commentInput.safeParse({ ...base, body }))).toEqual({ body: "Write your comment before posting it." });
    }
  });

  it("allows exactly the limit and refuses one more, saying how long it is", () => {
    expect(commentInput.safeParse({ ...base, body: "a".repeat(COMMENT_MAX) }).success).toBe(true);
    expect(errorsOf(commentInput.safeParse({ ...base, body: "a".repeat(COMMENT_MAX + 1) }))).toEqual({
      body: "Comments can be at most 5,000 characters; yours has 5,001.",
    });
  });

  it("removes control characters, unifies line endings and trims", () => {
    expect(commentInput.parse({ ...base, body: "  one\r\ntwo\u0000\u0007 \u001b[31m  " }).body).toBe("one\ntwo [31m");
  });

  it("refuses forged ids and stale keys", () => {
    expect(errorsOf(commentInput.safeParse({ ...base, postId: "'; DROP TABLE" }))).toHaveProperty("postId");
    expect(errorsOf(commentInput.safeParse({ ...base, parentId: "x".repeat(65) }))).toHaveProperty("parentId");
    expect(errorsOf(commentInput.safeParse({ ...base, submissionKey: "123" }))).toEqual({ submissionKey: "This form has expired. Reload the page and try again." });
    expect(errorsOf(commentInput.safeParse({ ...base, termsVersion: "abc" }))).toHaveProperty("termsVersion");
  });
});

describe("the account schemas", () => {
  it("normalises the email and checks the password length", () => {
    expect(registerInput.parse({ name: " Ann ", email: " Ann@Example.COM ", password: "12345678" })).toEqual({
      name: "Ann",
      email: "ann@example.com",
      password: "12345678",
    });
    expect(errorsOf(registerInput.safeParse({ name: "Ann", email: "ann@example.com", password: "1234567" }))).toEqual({ password: "Use at least 8 characters." });
    expect(errorsOf(registerInput.safeParse({ name: "Ann", email: "ann@example.com", password: "x".repeat(129) }))).toEqual({ password: "Use at most 128 characters." });
    expect(registerInput.safeParse({ name: "Ann", email: "ann@example.com", password: "x".repeat(128) }).success).toBe(true);
  });

  it("refuses names that could impersonate someone with invisible or reordering characters", () => {
    for (const name of ["Admin\u202E", "A\u200Bnn", "Ann\u0007"]) {
      expect(errorsOf(registerInput.safeParse({ name, email: "a@b.co", password: "12345678" }))).toHaveProperty("name");
    }
  });

  it("refuses angle brackets in names, which feeds and emails would read as markup", () => {
    for (const name of ["Eve <b>", "Eve]]><item>", "a > b"]) {
      expect(errorsOf(registerInput.safeParse({ name, email: "a@b.co", password: "12345678" })), name).toEqual({ name: "A name cannot contain < or >." });
    }
  });

  it("refuses invisible characters in names: format characters, soft hyphens, fillers", () => {
    const invisible = ["\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\u061C", "\u180E", "\u2066", "\uFEFF", "\u3164", "\uFE0F", "\u034F", "\u{E0041}"];
    for (const character of invisible) {
      expect(errorsOf(registerInput.safeParse({ name: `Ad${character}min`, email: "a@b.co", password: "12345678" })), JSON.stringify(character)).toEqual({
        name: "A name cannot contain invisible characters (zero-width spaces, soft hyphens or direction marks).",
      });
    }
  });

  it("refuses names mixing Latin letters with look-alikes from Cyrillic, Greek, Cherokee, Armenian, Coptic, Lisu or Canadian syllabics, and accepts names in one script", () => {
    const mixed = "A name cannot mix Latin letters with letters of another alphabet that look like them (such as a Cyrillic “а”). Write it in one alphabet.";
    // Cyrillic А, Cyrillic о, Greek Α, Cherokee Ꭺ, and a fullwidth Latin word with a Cyrillic letter.
    // Also Lisu ꓮ, Armenian օ, Coptic ⲟ, Lisu ꓳ.
    for (const name of ["\u0410dmin", "J\u043Ehn Smith", "\u0391dmin", "\u13AAdmin", "\uFF21dm\u0456n", "\uA4EEdmin", "J\u0585hn Smith", "Moderat\u2C9Fr", "Moderat\uA4F3r"]) {
      expect(errorsOf(registerInput.safeParse({ name, email: "a@b.co", password: "12345678" })), name).toEqual({ name: mixed });
    }
    for (const name of ["Андрей Петров", "Σωκράτης", "José Müller-Łukasiewicz", "O'Brien", "山田 Taro", "محمد Ali", "Ann 2nd"]) {
      expect(registerInput.safeParse({ name, email: "a@b.co", password: "12345678" }).success, name).toBe(true);
    }
  });

  it("reports every missing field at once", () => {
    expect(Object.keys(errorsOf(registerInput.safeParse({})))).toEqual(["name", "email", "password"]);
    expect(Object.keys(errorsOf(signInInput.safeParse({ email: "nope" })))).toEqual(["email", "password"]);
  });
});

describe("the terms schema", () => {
  it("needs real text and a date", () => {
    expect(Object.keys(errorsOf(publishTermsInput.safeParse({ body: "short", effectiveAt: "tomorrow" })))).toEqual(["body", "effectiveAt"]);
    const parsed = publishTermsInput.parse({ body: "x".repeat(200), effectiveAt: "2027-01-01" });
    expect(parsed.effectiveAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});
