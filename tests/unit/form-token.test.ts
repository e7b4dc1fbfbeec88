import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkFormToken, FORM_TOKEN_LIFETIME_MS, signFormToken } from "@/app/_lib/spam/form-token";
import { judgeSubmission } from "@/app/_lib/spam/bot-check";

const KEY = "form-token-test-key";
const drawnAt = new Date("2026-12-01T10:00:00Z");
const later = (ms: number) => new Date(drawnAt.getTime() + ms);
const claims = { readerId: "reader1", postId: "post1", issuedAt: drawnAt };
const expected = (now: Date) => ({ readerId: "reader1", postId: "post1", now });

describe("the signed form timestamp", () => {
  it("tells a genuine form's age", () => {
    expect(checkFormToken(KEY, signFormToken(KEY, claims), expected(later(4_500)))).toEqual({ ok: true, ageMs: 4_500 });
  });

  it("refuses a timestamp moved back, however the token is re-encoded", () => {
    const token = signFormToken(KEY, claims);
    const [, mac] = token.split(".");
    const backdated = Buffer.from(JSON.stringify(["reader1", "post1", drawnAt.getTime() - 60_000])).toString("base64url");
    expect(checkFormToken(KEY, `${backdated}.${mac}`, expected(later(1_000)))).toEqual({ ok: false, problem: "forged" });
    // Signed with another key (a guessed or leaked one from elsewhere).
    expect(checkFormToken(KEY, signFormToken("another key", { ...claims, issuedAt: later(-60_000) }), expected(later(1_000)))).toEqual({ ok: false, problem: "forged" });
    // The signature's spare base64 bits flipped: the same bytes, another spelling.
    const flipped = mac!.slice(0, -1) + (mac!.endsWith("A") ? "B" : "A");
    expect(checkFormToken(KEY, `${token.split(".")[0]}.${flipped}`, expected(later(5_000))).ok).toBe(false);
  });

  it("refuses what is missing, truncated, padded or made up", () => {
    const now = expected(later(5_000));
    expect(checkFormToken(KEY, undefined, now)).toEqual({ ok: false, problem: "missing" });
    expect(checkFormToken(KEY, "", now)).toEqual({ ok: false, problem: "missing" });
    expect(checkFormToken(KEY, "garbage", now)).toEqual({ ok: false, problem: "malformed" });
    expect(checkFormToken(KEY, `${signFormToken(KEY, claims)}.extra`, now)).toEqual({ ok: false, problem: "malformed" });
    expect(checkFormToken(KEY, "x".repeat(5_000) + ".y", now)).toEqual({ ok: false, problem: "malformed" });
    // Signed, but not claims this site writes (a key leaked with the wrong shape inside).
    const odd = Buffer.from(JSON.stringify({ at: 1 })).toString("base64url");
    const mac = createHmac("sha256", KEY).update(`comment-form:${odd}`).digest("base64url");
    expect(checkFormToken(KEY, `${odd}.${mac}`, now)).toEqual({ ok: false, problem: "malformed" });
  });

  it("refuses a form replayed by another reader or on another post", () => {
    const token = signFormToken(KEY, claims);
    expect(checkFormToken(KEY, token, { readerId: "reader2", postId: "post1", now: later(5_000) })).toEqual({ ok: false, problem: "other-reader" });
    expect(checkFormToken(KEY, token, { readerId: "reader1", postId: "post2", now: later(5_000) })).toEqual({ ok: false, problem: "other-post" });
  });

  it("expires after a day, and counts a form from a clock slightly ahead as just drawn", () => {
    const token = signFormToken(KEY, claims);
    expect(checkFormToken(KEY, token, expected(later(FORM_TOKEN_LIFETIME_MS)))).toEqual({ ok: true, ageMs: FORM_TOKEN_LIFETIME_MS });
    expect(checkFormToken(KEY, token, expected(later(FORM_TOKEN_LIFETIME_MS + 1)))).toEqual({ ok: false, problem: "expired" });
    expect(checkFormToken(KEY, token, expected(later(-2_000)))).toEqual({ ok: true, ageMs: 0 });
  });
});

describe("judging a submission", () => {
  const genuine = (ageMs: number) => ({ ok: true as const, ageMs });

  it("lets a person through who took the minimum time or longer", () => {
    expect(judgeSubmission({ honeypot: "", token: genuine(3_000), minSeconds: 3 })).toEqual({ kind: "person" });
    expect(judgeSubmission({ honeypot: undefined, token: genuine(600_000), minSeconds: 3 })).toEqual({ kind: "person" });
    expect(judgeSubmission({ honeypot: "", token: genuine(0), minSeconds: 0 })).toEqual({ kind: "person" });
  });

  it("files a filled honeypot as spam, whatever the timing", () => {
    expect(judgeSubmission({ honeypot: "https://cheap.example", token: genuine(60_000), minSeconds: 3 })).toEqual({ kind: "bot", reason: "spam: filled in the hidden field people never see" });
    expect(judgeSubmission({ honeypot: "   ", token: genuine(60_000), minSeconds: 3 })).toEqual({ kind: "person" });
  });

  it("files a form posted too quickly as spam, saying how quickly", () => {
    expect(judgeSubmission({ honeypot: "", token: genuine(400), minSeconds: 3 })).toEqual({ kind: "bot", reason: "spam: posted 0.4 s after the form was shown (the least is 3 s)" });
    expect(judgeSubmission({ honeypot: "", token: genuine(2_999), minSeconds: 3 }).kind).toBe("bot");
  });

  it("files missing, forged and borrowed forms as spam, and asks a person with a day-old form to post again", () => {
    expect(judgeSubmission({ honeypot: "", token: { ok: false, problem: "missing" }, minSeconds: 3 })).toMatchObject({ kind: "bot", reason: expect.stringContaining("no form timestamp") });
    expect(judgeSubmission({ honeypot: "", token: { ok: false, problem: "forged" }, minSeconds: 3 })).toMatchObject({ kind: "bot", reason: expect.stringContaining("forged") });
    expect(judgeSubmission({ honeypot: "", token: { ok: false, problem: "other-reader" }, minSeconds: 3 })).toMatchObject({ kind: "bot", reason: expect.stringContaining("another reader") });
    expect(judgeSubmission({ honeypot: "", token: { ok: false, problem: "expired" }, minSeconds: 3 })).toEqual({ kind: "stale" });
  });
});
