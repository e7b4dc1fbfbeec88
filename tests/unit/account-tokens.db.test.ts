/**
 * Emailed account links (verification, change of address, password reset) as an attacker would
 * try them: used twice, late, forged, someone else's, of another purpose, many at once; and the
 * answers that must not tell a known address from an unknown one.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "@/app/_lib/auth/password";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { viewerSelect } from "@/app/_lib/auth/viewer-select";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));

const { issueToken, spendToken, hashToken, TOKEN_LIFETIME_MS } = await import("@/app/_lib/account-tokens/token");
const { registerReader } = await import("@/app/_lib/account/register");
const { confirmEmailLink, resendVerification } = await import("@/app/_lib/account/verify-email");
const { requestPasswordReset, resetPassword } = await import("@/app/_lib/account/password-reset");
const { changePassword } = await import("@/app/_lib/account/change-password");
const { requestEmailChange } = await import("@/app/_lib/account/change-email");

const PASSWORD = "the old password";
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

const address = () => `person-${randomBytes(5).toString("hex")}@example.com`;
async function person(data: { emailVerified?: Date | null } = {}): Promise<Viewer> {
  return { ...(await database.db.user.create({ data: { name: "Pat Person", email: address(), passwordHash: await hashPassword(PASSWORD), ...data }, select: viewerSelect })), twoFactorOn: false, mustSetUpTwoFactor: false };
}
const mailTo = (to: string, kind?: string) => database.db.outboxMessage.findMany({ where: { toAddress: to, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
const tokenIn = (text: string, path: string) => {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`No ${path} link in:\n${text}`);
  return match[1]!;
};
const forged = () => randomBytes(32).toString("base64url");

describe("account tokens", () => {
  it("are stored only as their SHA-256: the table holds nothing a link could be made from", async () => {
    const someone = await person();
    const token = await database.db.$transaction((tx) => issueToken(tx, { userId: someone.id, purpose: "verify-email", email: someone.email }));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await database.db.accountToken.findMany({ where: { userId: someone.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
    // The hash itself is no link: spending it as a token finds nothing.
    expect(await database.db.$transaction((tx) => spendToken(tx, hashToken(token), "verify-email"))).toBeNull();
  });

  it("work once, until their lifetime ends to the millisecond, and only for their purpose", async () => {
    const someone = await person();
    const issuedAt = new Date("2030-03-01T10:00:00Z");
    const issue = (purpose: "verify-email" | "reset-password") => database.db.$transaction((tx) => issueToken(tx, { userId: someone.id, purpose, email: someone.email, now: issuedAt }));
    const spend = (token: string, purpose: "verify-email" | "reset-password", at: Date) => database.db.$transaction((tx) => spendToken(tx, token, purpose, at));
    const lastMoment = (purpose: "verify-email" | "reset-password") => new Date(issuedAt.getTime() + TOKEN_LIFETIME_MS[purpose] - 1);
    const expired = (purpose: "verify-email" | "reset-password") => new Date(issuedAt.getTime() + TOKEN_LIFETIME_MS[purpose]);
    expect(TOKEN_LIFETIME_MS["verify-email"]).toBe(24 * 60 * 60_000);
    expect(TOKEN_LIFETIME_MS["reset-password"]).toBe(60 * 60_000);

    for (const purpose of ["verify-email", "reset-password"] as const) {
      const late = await issue(purpose);
      expect(await spend(late, purpose, expired(purpose))).toBeNull();
      const inTime = await issue(purpose);
      const other = purpose === "verify-email" ? "reset-password" : "verify-email";
      expect(await spend(inTime, other, lastMoment(purpose))).toBeNull();
      expect(await spend(inTime, purpose, lastMoment(purpose))).toEqual({ userId: someone.id, email: someone.email });
      expect(await spend(inTime, purpose, lastMoment(purpose))).toBeNull();
    }
  });

  it("refuse forged, malformed and hashed tokens", async () => {
    for (const token of [forged(), "", "short", `${forged()}x`, "../../etc/passwd", "' OR 1=1 --".padEnd(43, "a")]) {
      expect(await confirmEmailLink(token)).toMatchObject({ ok: false });
      expect(await resetPassword(token, "a brand new password")).toMatchObject({ ok: false });
    }
  });
});

describe("registration", () => {
  it("answers alike for a new and a taken address; the email says which, and a taken account is untouched", async () => {
    const owner = await person();
    const before = await database.db.user.findUniqueOrThrow({ where: { id: owner.id } });
    const fresh = address();
    expect(await registerReader({ name: "Newcomer", email: fresh, password: "a new person's password" })).toBeUndefined();
    expect(await registerReader({ name: "Impostor", email: owner.email, password: "the impostor's password" })).toBeUndefined();

    const created = await database.db.user.findUniqueOrThrow({ where: { email: fresh } });
    expect(created.emailVerified).toBeNull();
    expect((await mailTo(fresh)).map((mail) => mail.kind)).toEqual(["verify-email"]);
    const notice = await mailTo(owner.email);
    expect(notice.map((mail) => mail.kind)).toEqual(["account-exists"]);
    expect(notice[0]!.text).toContain("/forgot-password");
    expect(notice[0]!.text).not.toMatch(/token=/);
    expect(await database.db.user.findUniqueOrThrow({ where: { id: owner.id } })).toEqual(before);
  });

  it("sends an address that has an account at most three notices an hour, however many registrations arrive at once", async () => {
    const owner = await person();
    await Promise.all(Array.from({ length: 12 }, () => registerReader({ name: "Flood", email: owner.email, password: "some password here" })));
    expect(await mailTo(owner.email, "account-exists")).toHaveLength(3);
    expect(await database.db.user.count({ where: { email: owner.email } })).toBe(1);
  });
});

describe("email verification", () => {
  it("the link verifies its own account only, once", async () => {
    const fresh = address();
    await registerReader({ name: "Verifier", email: fresh, password: "a verifier's password" });
    const bystander = await person();
    const token = tokenIn((await mailTo(fresh, "verify-email"))[0]!.text, "/verify-email");

    expect(await confirmEmailLink(token)).toEqual({ ok: true, kind: "verified", email: fresh });
    expect((await database.db.user.findUniqueOrThrow({ where: { email: fresh } })).emailVerified).toBeInstanceOf(Date);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: bystander.id } })).emailVerified).toBeNull();
    expect(await confirmEmailLink(token)).toMatchObject({ ok: false });
  });

  it("a link for an address the account no longer has proves nothing", async () => {
    const someone = await person();
    const token = await database.db.$transaction((tx) => issueToken(tx, { userId: someone.id, purpose: "verify-email", email: someone.email }));
    await database.db.user.update({ where: { id: someone.id }, data: { email: address() } });
    expect(await confirmEmailLink(token)).toMatchObject({ ok: false });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: someone.id } })).emailVerified).toBeNull();
  });

  it("can be sent again exactly three times an hour, however many requests arrive at once; not to the signed out or the verified", async () => {
    const someone = await person();
    const answers = await Promise.all(Array.from({ length: 20 }, () => resendVerification(someone)));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(3);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ message: expect.stringMatching(/^We have sent several links already\. Try again in \d+ minutes\.$/) });
    expect(await mailTo(someone.email, "verify-email")).toHaveLength(3);

    expect(await resendVerification(null)).toMatchObject({ ok: false });
    const verified = await person({ emailVerified: new Date() });
    expect(await resendVerification(verified)).toMatchObject({ ok: false });
    expect(await mailTo(verified.email)).toHaveLength(0);
  });
});

describe("password reset", () => {
  it("answers alike for known and unknown addresses, and emails only the known one", async () => {
    const someone = await person();
    const unknown = address();
    expect(await requestPasswordReset(someone.email, "198.51.100.1")).toEqual({ ok: true });
    expect(await requestPasswordReset(unknown, "198.51.100.1")).toEqual({ ok: true });
    expect(await mailTo(someone.email, "reset-password")).toHaveLength(1);
    expect(await mailTo(unknown)).toHaveLength(0);
    expect(await database.db.accountToken.count({ where: { email: unknown } })).toBe(0);
  });

  it("queues exactly three emails for fifty requests at the same moment, and every answer is the same", async () => {
    const someone = await person();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => requestPasswordReset(someone.email, `198.51.100.${10 + (n % 40)}`)));
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify({ ok: true })]));
    expect(await mailTo(someone.email, "reset-password")).toHaveLength(3);
    expect(await database.db.accountToken.count({ where: { userId: someone.id, purpose: "reset-password" } })).toBe(3);
  });

  it("a network asking too often is told so, the same for any address", async () => {
    const client = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const someone = await person();
    for (let n = 0; n < 10; n++) expect(await requestPasswordReset(n % 2 ? someone.email : address(), client)).toEqual({ ok: true });
    const known = await requestPasswordReset(someone.email, client);
    const unknown = await requestPasswordReset(address(), client);
    expect(known).toMatchObject({ ok: false });
    expect(unknown).toEqual(known);
  });

  it("sets the password once, ends every session, kills the other reset links and tells the owner", async () => {
    const someone = await person();
    await requestPasswordReset(someone.email, "198.51.100.200");
    await requestPasswordReset(someone.email, "198.51.100.200");
    const [first, second] = (await mailTo(someone.email, "reset-password")).map((mail) => tokenIn(mail.text, "/reset-password"));
    const before = await database.db.user.findUniqueOrThrow({ where: { id: someone.id } });

    // Ten tabs submitting the same link at once: one new password.
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => resetPassword(first!, `new password number ${n}`)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const after = await database.db.user.findUniqueOrThrow({ where: { id: someone.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(false);
    expect(after.emailVerified).toBeInstanceOf(Date);
    expect(await resetPassword(second!, "yet another password")).toMatchObject({ ok: false });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: someone.id } })).passwordHash).toBe(after.passwordHash);
    expect(await mailTo(someone.email, "password-changed")).toHaveLength(1);
  });

  it("a reset link opens only the account it was sent for", async () => {
    const victim = await person();
    const attacker = await person();
    await requestPasswordReset(attacker.email, "198.51.100.201");
    const token = tokenIn((await mailTo(attacker.email, "reset-password"))[0]!.text, "/reset-password");
    expect(await resetPassword(token, "the attacker's choice")).toEqual({ ok: true });
    const untouched = await database.db.user.findUniqueOrThrow({ where: { id: victim.id } });
    expect(await verifyPassword(untouched.passwordHash, PASSWORD)).toBe(true);
    expect(untouched.sessionVersion).toBe(0);
  });
});

describe("the account page's changes", () => {
  it("a new password needs the current one: a wrong one changes nothing, five wrong ones lock the form", async () => {
    const someone = await person();
    const before = await database.db.user.findUniqueOrThrow({ where: { id: someone.id } });
    expect(await changePassword(someone, before.sessionVersion, { currentPassword: "not it", newPassword: "a brand new password" })).toMatchObject({ ok: false, field: "currentPassword" });
    expect(await database.db.user.findUniqueOrThrow({ where: { id: someone.id } })).toEqual(before);
    expect(await changePassword(null, 0, { currentPassword: PASSWORD, newPassword: "a brand new password" })).toMatchObject({ ok: false, field: "form" });

    expect(await changePassword(someone, before.sessionVersion, { currentPassword: PASSWORD, newPassword: "a brand new password" })).toEqual({ ok: true, sessionVersion: before.sessionVersion + 1 });
    // The session that asked has moved on with it; a copy of it under the old version changes nothing.
    expect(await changePassword(someone, before.sessionVersion, { currentPassword: "a brand new password", newPassword: "the thief's password" })).toMatchObject({ ok: false, field: "form" });
    const after = await database.db.user.findUniqueOrThrow({ where: { id: someone.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyPassword(after.passwordHash, "a brand new password")).toBe(true);

    const guesses = await Promise.all(Array.from({ length: 12 }, (_, n) => changePassword(someone, before.sessionVersion + 1, { currentPassword: `guess ${n}`, newPassword: "the thief's password" })));
    expect(guesses.every((guess) => !guess.ok)).toBe(true);
    expect(await changePassword(someone, before.sessionVersion + 1, { currentPassword: "a brand new password", newPassword: "the thief's password" })).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many wrong passwords/) });
  });

  it("a new address takes effect only through its link; the old address is told; a taken one is refused", async () => {
    const someone = await person({ emailVerified: new Date() });
    const newEmail = address();
    expect(await requestEmailChange(someone, { newEmail, password: "wrong" })).toMatchObject({ ok: false, field: "password" });
    expect(await requestEmailChange(someone, { newEmail, password: PASSWORD })).toEqual({ ok: true });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: someone.id } })).email).toBe(someone.email);
    const token = tokenIn((await mailTo(newEmail, "change-email"))[0]!.text, "/verify-email");
    // The link is to the new address only: a reset for the account is not what it opens.
    expect(await resetPassword(token, "whatever password")).toMatchObject({ ok: false });

    expect(await confirmEmailLink(token)).toEqual({ ok: true, kind: "changed", email: newEmail });
    const moved = await database.db.user.findUniqueOrThrow({ where: { id: someone.id } });
    expect(moved.email).toBe(newEmail);
    expect(moved.emailVerified).toBeInstanceOf(Date);
    expect((await mailTo(someone.email, "email-changed"))[0]!.text).toContain(newEmail);
    expect(await confirmEmailLink(token)).toMatchObject({ ok: false });

    const taken = await person();
    const other = await person();
    await requestEmailChange(other, { newEmail: taken.email, password: PASSWORD });
    const takenToken = tokenIn((await mailTo(taken.email, "change-email"))[0]!.text, "/verify-email");
    expect(await confirmEmailLink(takenToken)).toMatchObject({ ok: false });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: other.id } })).email).toBe(other.email);
  });
});
