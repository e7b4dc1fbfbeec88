/**
 * Two-factor sign-in as an attacker would try it: codes outside the window, a code used twice
 * (one after the other and all at once), recovery codes used twice, a copy of the database
 * looked through for secrets and codes, guesses past the limit; and the site setting that keeps
 * moderators and admins without two-factor from moderating.
 */
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/app/_lib/auth/password";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";
import { databaseSnapshot, threadFixture } from "../support/thread-fixture";
import { makeViewer } from "../support/viewer";
import { storedSecret } from "../support/two-factor";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;${to}` });
  },
  forbidden: () => {
    throw Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;403"), { digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
  },
}));
process.env.NEXTAUTH_SECRET ??= "two-factor-test-secret";

const { startTwoFactorSetup, confirmTwoFactorSetup } = await import("@/app/_lib/two-factor/setup");
const { checkSecondFactor } = await import("@/app/_lib/two-factor/check-code");
const { matchingStep } = await import("@/app/_lib/two-factor/totp");
const { openSecret, sealSecret } = await import("@/app/_lib/two-factor/secret-box");
const { regenerateRecoveryCodes, turnOffTwoFactor } = await import("@/app/_lib/two-factor/change");
const { secondStepRefusal, completePendingSignIn } = await import("@/app/_lib/two-factor/sign-in-step");
const { signPendingSignIn, verifyPendingSignIn } = await import("@/app/_lib/two-factor/pending-sign-in");
const { authOptions } = await import("@/app/_lib/auth/options");
const { CODE_ERROR_PREFIX, CODE_NEEDED, normalizeCode } = await import("@/app/_lib/schemas/two-factor");
const { loadViewer } = await import("@/app/_lib/auth/viewer");
const { hasRole, requirePageRole, TWO_FACTOR_NEEDED_MESSAGE } = await import("@/app/_lib/auth/require");
const { decideComment } = await import("@/app/_lib/moderation/decide");
const { updateUser } = await import("@/app/_lib/moderation/users");
const { updateSettings } = await import("@/app/_lib/settings/update");
const { deleteAccount } = await import("@/app/_lib/account/delete");
const { getSettings, loadSettings, saveSettings, settingsChanged } = await import("@/app/_lib/settings");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

const STEP = 30_000;
const OWNER_PASSWORD = "the owner's password";
// The address codes are sent from (the limits count per account and address).
const ADDRESS = "198.51.100.7";
/** A person with a password, as turning two-factor on asks for it. */
async function personWithPassword(overrides: Parameters<typeof makeViewer>[1] = {}): Promise<Viewer> {
  const viewer = await makeViewer(database.db, overrides);
  await database.db.user.update({ where: { id: viewer.id }, data: { passwordHash: await hashPassword(OWNER_PASSWORD) } });
  return viewer;
}
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
/** Midway through a 30-second step, so "one step before" and "one step after" are whole steps away. */
const midStep = () => new Date(Math.floor(Date.now() / STEP) * STEP + STEP / 2);

/** A person with two-factor on, set up the way the account page does it; returns the recovery codes. */
async function withTwoFactor(overrides: Parameters<typeof makeViewer>[1] = {}, at = midStep()): Promise<{ viewer: Viewer; secret: string; recoveryCodes: string[]; at: Date; sessionVersion: number }> {
  const viewer = await personWithPassword(overrides);
  expect(await startTwoFactorSetup(viewer)).toEqual({ ok: true });
  const secret = await storedSecret(database.db, viewer.id);
  // Confirmed with the code of a step well before `at`, so `at`'s own steps are all unused.
  const confirmed = await confirmTwoFactorSetup(viewer, { code: await codeAt(secret, new Date(at.getTime() - 10 * STEP)), password: OWNER_PASSWORD }, 0, new Date(at.getTime() - 10 * STEP));
  if (!confirmed.ok) throw new Error(confirmed.message);
  // Turning it on ended every other session; the one that did it carries on under this version.
  return { viewer, secret, recoveryCodes: confirmed.recoveryCodes, at, sessionVersion: confirmed.sessionVersion };
}

describe("authenticator codes", () => {
  it("are accepted one step either side of now, never further", async () => {
    const { secret } = await withTwoFactor();
    const now = midStep();
    for (const offset of [-1, 0, 1]) expect(await matchingStep(secret, await codeAt(secret, new Date(now.getTime() + offset * STEP)), null, now), `step ${offset}`).not.toBeNull();
    for (const offset of [-3, -2, 2, 3]) expect(await matchingStep(secret, await codeAt(secret, new Date(now.getTime() + offset * STEP)), null, now), `step ${offset}`).toBeNull();
  });

  it("sign in once: the same code again, or an earlier step's code after it, is refused", async () => {
    const { viewer, secret, at } = await withTwoFactor();
    const code = await codeAt(secret, at);
    expect(await checkSecondFactor(viewer.id, code, ADDRESS, at)).toEqual({ ok: true, kind: "authenticator" });
    expect(await checkSecondFactor(viewer.id, code, ADDRESS, at)).toMatchObject({ ok: false });
    // The previous step's code is still inside the window, but older than the step just used.
    expect(await checkSecondFactor(viewer.id, await codeAt(secret, new Date(at.getTime() - STEP)), ADDRESS, at)).toMatchObject({ ok: false });
    const stored = await database.db.twoFactor.findUniqueOrThrow({ where: { userId: viewer.id } });
    expect(stored.lastUsedStep).toBe(Math.floor(at.getTime() / STEP));
    // The next step's code is new, and works.
    expect(await checkSecondFactor(viewer.id, await codeAt(secret, new Date(at.getTime() + STEP)), ADDRESS, at)).toMatchObject({ ok: true });
  });

  it("sent ten times at the same moment, sign in exactly once", async () => {
    const { viewer, secret, at } = await withTwoFactor();
    const code = await codeAt(secret, at);
    const results = await Promise.all(Array.from({ length: 10 }, () => checkSecondFactor(viewer.id, code, ADDRESS, at)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("are limited to five wrong tries per account in 15 minutes; then even the right code waits", async () => {
    const { viewer, secret, at } = await withTwoFactor();
    const right = await codeAt(secret, at);
    const wrong = right === "123456" ? "654321" : "123456";
    for (let i = 0; i < 5; i++) expect(await checkSecondFactor(viewer.id, wrong, ADDRESS, at)).toMatchObject({ ok: false, message: expect.stringContaining("not right") });
    expect(await checkSecondFactor(viewer.id, right, ADDRESS, at)).toMatchObject({ ok: false, message: expect.stringContaining("Too many wrong codes") });
    expect(await checkSecondFactor(viewer.id, right, ADDRESS, new Date(at.getTime() + 16 * 60_000))).toMatchObject({ ok: false });
  });
});

describe("the stored secret", () => {
  it("is sealed: the row holds neither the secret nor anything that opens without the site secret", async () => {
    const { viewer, secret } = await withTwoFactor();
    const row = await database.db.twoFactor.findUniqueOrThrow({ where: { userId: viewer.id } });
    expect(row.secretBox).not.toContain(secret);
    expect(row.secretBox).not.toContain(Buffer.from(secret).toString("base64url"));
    expect(openSecret(row.secretBox)).toBe(secret);
    const siteSecret = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another deployment's secret";
    try {
      expect(openSecret(row.secretBox)).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = siteSecret;
    }
    // A box altered by one character does not open.
    const tampered = row.secretBox.slice(0, -2) + (row.secretBox.endsWith("A") ? "BA" : "AA");
    expect(openSecret(tampered)).toBeNull();
    // Two seals of the same secret differ (a fresh IV each time).
    expect(sealSecret(secret)).not.toBe(sealSecret(secret));
  });

  it("is only enabled by a right code from it, and a pending set-up asks nothing at sign-in", async () => {
    const viewer = await personWithPassword();
    await startTwoFactorSetup(viewer);
    expect(await secondStepRefusal(viewer.id, undefined, ADDRESS)).toBeNull();
    const secret = await storedSecret(database.db, viewer.id);
    const now = midStep();
    const wrong = (await codeAt(secret, now)) === "123456" ? "654321" : "123456";
    expect(await confirmTwoFactorSetup(viewer, { code: wrong, password: OWNER_PASSWORD }, 0, now)).toMatchObject({ ok: false, field: "code" });
    expect((await database.db.twoFactor.findUniqueOrThrow({ where: { userId: viewer.id } })).enabledAt).toBeNull();
    const confirmed = await confirmTwoFactorSetup(viewer, { code: await codeAt(secret, now), password: OWNER_PASSWORD }, 0, now);
    expect(confirmed).toMatchObject({ ok: true });
    expect(await secondStepRefusal(viewer.id, undefined, ADDRESS)).toBe(CODE_NEEDED);
    // Starting again once it is on changes nothing.
    expect(await startTwoFactorSetup(viewer)).toMatchObject({ ok: false });
    expect(await storedSecret(database.db, viewer.id)).toBe(secret);
  });
});

describe("recovery codes", () => {
  it("are ten, stored only as hashes: no column of any table holds a code", async () => {
    const { viewer, recoveryCodes } = await withTwoFactor();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const rows = await database.db.recoveryCode.findMany({ where: { userId: viewer.id } });
    expect(rows).toHaveLength(10);
    const everything = JSON.stringify([rows, await database.db.twoFactor.findMany(), await database.db.user.findMany(), await database.db.rateLimitHit.findMany()]).toLowerCase();
    for (const code of recoveryCodes) {
      expect(everything).not.toContain(code.toLowerCase());
      expect(everything).not.toContain(normalizeCode(code));
    }
  });

  it("each sign in once, typed with or without dashes and in any case", async () => {
    const { viewer, recoveryCodes, at } = await withTwoFactor();
    expect(await checkSecondFactor(viewer.id, recoveryCodes[0]!, ADDRESS, at)).toEqual({ ok: true, kind: "recovery" });
    expect(await checkSecondFactor(viewer.id, recoveryCodes[0]!, ADDRESS, at)).toMatchObject({ ok: false });
    expect(await checkSecondFactor(viewer.id, ` ${normalizeCode(recoveryCodes[1]!).toUpperCase()} `, ADDRESS, at)).toMatchObject({ ok: true });
    expect(await database.db.recoveryCode.count({ where: { userId: viewer.id, usedAt: null } })).toBe(8);
  });

  it("sent five times at once, sign in once", async () => {
    const { viewer, recoveryCodes, at } = await withTwoFactor();
    const results = await Promise.all(Array.from({ length: 5 }, () => checkSecondFactor(viewer.id, recoveryCodes[2]!, ADDRESS, at)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("made anew replace every earlier code; someone else's codes never work", async () => {
    const { viewer, recoveryCodes, at } = await withTwoFactor();
    const other = await withTwoFactor();
    await database.db.user.update({ where: { id: viewer.id }, data: { passwordHash: await hashPassword("the owner's password") } });
    expect(await regenerateRecoveryCodes(viewer, { password: "a wrong password" }, ADDRESS)).toMatchObject({ ok: false, field: "password" });
    const renewed = await regenerateRecoveryCodes(viewer, { password: "the owner's password" }, ADDRESS);
    if (!renewed.ok) throw new Error(renewed.message);
    expect(await checkSecondFactor(viewer.id, recoveryCodes[3]!, ADDRESS, at)).toMatchObject({ ok: false });
    expect(await checkSecondFactor(viewer.id, other.recoveryCodes[0]!, ADDRESS, at)).toMatchObject({ ok: false });
    expect(await checkSecondFactor(viewer.id, renewed.recoveryCodes[0]!, ADDRESS, at)).toMatchObject({ ok: true });
  });
});

describe("deleting the account", () => {
  it("removes its sealed secret and every recovery code", async () => {
    const { viewer } = await withTwoFactor();
    await database.db.user.update({ where: { id: viewer.id }, data: { passwordHash: await hashPassword("the owner's password") } });
    expect(await deleteAccount(viewer, { password: "the owner's password", comments: "keep" })).toMatchObject({ ok: true });
    expect(await database.db.twoFactor.count({ where: { userId: viewer.id } })).toBe(0);
    expect(await database.db.recoveryCode.count({ where: { userId: viewer.id } })).toBe(0);
  });
});

describe("sign-in", () => {
  it("asks for the code after a right password, refuses a wrong one, and accepts the right one", async () => {
    const { viewer, secret } = await withTwoFactor({}, new Date());
    const now = new Date();
    expect(await secondStepRefusal(viewer.id, undefined, ADDRESS, now)).toBe(CODE_NEEDED);
    expect(await secondStepRefusal(viewer.id, "", ADDRESS, now)).toBe(CODE_NEEDED);
    const right = await codeAt(secret, now);
    expect(await secondStepRefusal(viewer.id, right === "000000" ? "999999" : "000000", ADDRESS, now)).toMatch(new RegExp(`^${CODE_ERROR_PREFIX}`));
    expect(await secondStepRefusal(viewer.id, right, ADDRESS, now)).toBeNull();
    expect(await secondStepRefusal(viewer.id, right, ADDRESS, now)).toMatch(new RegExp(`^${CODE_ERROR_PREFIX}`));
  });

  it("asks nothing more of an account without two-factor, or after it is turned off", async () => {
    const reader = await makeViewer(database.db);
    expect(await secondStepRefusal(reader.id, undefined, ADDRESS)).toBeNull();
    const { viewer, secret, at } = await withTwoFactor();
    // The code that confirmed the set-up (ten steps ago) is spent, and old.
    expect(await turnOffTwoFactor(viewer, { code: await codeAt(secret, new Date(at.getTime() - 10 * STEP)) }, ADDRESS)).toMatchObject({ ok: false, field: "code" });
    const now = new Date();
    expect(await turnOffTwoFactor(viewer, { code: await codeAt(secret, now) }, ADDRESS)).toEqual({ ok: true });
    expect(await secondStepRefusal(viewer.id, undefined, ADDRESS)).toBeNull();
    expect(await database.db.recoveryCode.count({ where: { userId: viewer.id } })).toBe(0);
  });

  it("through a provider, to an account with two-factor on, is sent back to the sign-in page for the code; without it, goes ahead", async () => {
    const { viewer } = await withTwoFactor();
    const plain = await makeViewer(database.db);
    const signInCallback = authOptions.callbacks!.signIn!;
    const through = async (userId: string) => {
      const providerAccountId = `gh-${userId}`;
      await database.db.account.create({ data: { userId, type: "oauth", provider: "github", providerAccountId } });
      const user = { id: providerAccountId, email: null, name: "Someone" };
      return signInCallback({ user, account: { provider: "github", providerAccountId, type: "oauth" }, profile: undefined } as unknown as Parameters<typeof signInCallback>[0]);
    };
    const answer = await through(viewer.id);
    expect(typeof answer).toBe("string");
    const note = new URL(answer as string, "http://site.example").searchParams.get("twoFactor");
    expect(new URL(answer as string, "http://site.example").pathname).toBe("/login");
    expect(verifyPendingSignIn(note ?? "")).toBe(viewer.id);
    expect(await through(plain.id)).toBe(true);
  });

  it("through a provider stops for the code: the signed note alone, a forged or an old one, signs in no one", async () => {
    const { viewer, secret } = await withTwoFactor({}, new Date());
    const now = new Date();
    const note = signPendingSignIn(viewer.id, now);
    expect(await completePendingSignIn(note, "", ADDRESS, now)).toMatchObject({ ok: false });
    expect(await completePendingSignIn(`${note.slice(0, -1)}x`, await codeAt(secret, now), ADDRESS, now)).toMatchObject({ ok: false, message: expect.stringContaining("expired") });
    expect(await completePendingSignIn(signPendingSignIn(viewer.id, new Date(now.getTime() - 11 * 60_000)), await codeAt(secret, now), ADDRESS, now)).toMatchObject({ ok: false });
    expect(await completePendingSignIn(note, await codeAt(secret, now), ADDRESS, now)).toEqual({ ok: true, user: { id: viewer.id, name: viewer.name, email: viewer.email } });
  });
});

describe("requiring two-factor for moderators and admins", () => {
  async function requireIt(on: boolean) {
    const admin = await makeViewer(database.db, { role: "ADMIN" });
    const current = await loadSettings();
    await database.db.$transaction((tx) => saveSettings(tx, { ...current, requireTwoFactorForStaff: on }, current, admin.id));
    settingsChanged();
    expect((await getSettings()).requireTwoFactorForStaff).toBe(on);
  }
  afterAll(() => requireIt(false));

  it("refuses a moderator without it every moderation action, changing nothing, and sends their pages to /account", async () => {
    await requireIt(true);
    const f = await threadFixture(database.db);
    const plain = await makeViewer(database.db, { role: "MODERATOR" });
    const moderator = (await loadViewer(plain.id, 0))!;
    expect(moderator).toMatchObject({ twoFactorOn: false, mustSetUpTwoFactor: true });
    expect(hasRole(moderator, "MODERATOR")).toBe(false);
    const before = await databaseSnapshot(database.db);
    expect(await decideComment(moderator, { commentId: f.pendingId, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 })).toMatchObject({ ok: false, message: TWO_FACTOR_NEEDED_MESSAGE });
    expect(await updateUser(moderator, { operation: "ban", userId: f.reader.id, reason: "Two-factor test" })).toMatchObject({ ok: false, message: TWO_FACTOR_NEEDED_MESSAGE });
    expect(await databaseSnapshot(database.db)).toBe(before);
    expect(TWO_FACTOR_NEEDED_MESSAGE).toContain("/account");

    const admin = (await loadViewer((await makeViewer(database.db, { role: "ADMIN" })).id, 0))!;
    expect(await updateSettings(admin, { ...(await getSettings()), maxLinks: 9 })).toMatchObject({ ok: false, message: TWO_FACTOR_NEEDED_MESSAGE });
  });

  it("lets the same moderator moderate once two-factor is on, and leaves readers and the setting's off state alone", async () => {
    await requireIt(true);
    const f = await threadFixture(database.db);
    const { viewer, sessionVersion } = await withTwoFactor({ role: "MODERATOR" });
    const moderator = (await loadViewer(viewer.id, sessionVersion))!;
    expect(moderator).toMatchObject({ twoFactorOn: true, mustSetUpTwoFactor: false });
    expect(await decideComment(moderator, { commentId: f.pendingId, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 })).toMatchObject({ ok: true });
    const reader = (await loadViewer((await makeViewer(database.db)).id, 0))!;
    expect(reader.mustSetUpTwoFactor).toBe(false);

    await requireIt(false);
    const without = (await loadViewer((await makeViewer(database.db, { role: "MODERATOR" })).id, 0))!;
    expect(without.mustSetUpTwoFactor).toBe(false);
    expect(hasRole(without, "MODERATOR")).toBe(true);
  });

  it("can only be turned on by an admin who has two-factor on", async () => {
    await requireIt(false);
    const plain = (await loadViewer((await makeViewer(database.db, { role: "ADMIN" })).id, 0))!;
    expect(await updateSettings(plain, { ...(await getSettings()), requireTwoFactorForStaff: true })).toMatchObject({ ok: false, message: expect.stringContaining("your own account") });
    expect((await loadSettings()).requireTwoFactorForStaff).toBe(false);
    const { viewer, sessionVersion } = await withTwoFactor({ role: "ADMIN" });
    const admin = (await loadViewer(viewer.id, sessionVersion))!;
    expect(await updateSettings(admin, { ...(await getSettings()), requireTwoFactorForStaff: true })).toMatchObject({ ok: true, changed: ["requireTwoFactorForStaff"] });
    settingsChanged();
    expect((await loadViewer(plain.id, 0))!.mustSetUpTwoFactor).toBe(true);
    await requireIt(false);
  });

  it("sends a moderation page opened by a moderator without it to the account page", async () => {
    await requireIt(true);
    const plain = await makeViewer(database.db, { role: "MODERATOR" });
    const moderator = (await loadViewer(plain.id, 0))!;
    vi.doMock("@/app/_lib/auth/viewer", async (importOriginal) => ({ ...(await importOriginal<object>()), getViewer: async () => moderator }));
    vi.resetModules();
    const { requirePageRole: fresh } = await import("@/app/_lib/auth/require");
    await expect(fresh("MODERATOR", "/moderation")).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT;/account") });
    vi.doUnmock("@/app/_lib/auth/viewer");
    expect(requirePageRole).toBeTypeOf("function");
  });
});

describe("what a stolen session or a known password cannot do", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- NextAuth's provider object hides its options' type
  const authorize = (credentials: Record<string, unknown>) => (authOptions.providers[0] as any).options.authorize(credentials, { headers: { "x-forwarded-for": "203.0.113.9" } });

  it("a session alone cannot turn two-factor on: it takes the current password, so the owner still signs in with theirs", async () => {
    const owner = await personWithPassword();
    const stolen = (await loadViewer(owner.id, 0))!;
    expect(await startTwoFactorSetup(stolen)).toEqual({ ok: true });
    const code = await codeAt(await storedSecret(database.db, owner.id), new Date());
    expect(await confirmTwoFactorSetup(stolen, { code, password: "a guess at the password" }, 0)).toMatchObject({ ok: false, field: "password" });
    expect((await database.db.twoFactor.findUniqueOrThrow({ where: { userId: owner.id } })).enabledAt).toBeNull();
    expect(await authorize({ email: owner.email, password: OWNER_PASSWORD })).toMatchObject({ id: owner.id });
  });

  it("an account without a password is told to set one before it can set up two-factor", async () => {
    const viewer = await makeViewer(database.db);
    expect(await startTwoFactorSetup(viewer)).toMatchObject({ ok: false, message: expect.stringContaining("needs a password") });
    expect(await database.db.twoFactor.count({ where: { userId: viewer.id } })).toBe(0);
  });

  it("turning it on ends every other session, so one made with the password alone gains no staff powers where two-factor is required", async () => {
    const admin = await makeViewer(database.db, { role: "ADMIN" });
    const current = await loadSettings();
    await database.db.$transaction((tx) => saveSettings(tx, { ...current, requireTwoFactorForStaff: true }, current, admin.id));
    settingsChanged();
    try {
      const f = await threadFixture(database.db);
      const moderator = await personWithPassword({ role: "MODERATOR" });
      // Someone who knows the password signs in before the moderator has set two-factor up.
      expect(await authorize({ email: moderator.email, password: OWNER_PASSWORD })).toMatchObject({ id: moderator.id });
      const { sessionVersion: theirs } = await database.db.user.findUniqueOrThrow({ where: { id: moderator.id } });
      const own = (await loadViewer(moderator.id, theirs))!;
      await startTwoFactorSetup(own);
      const confirmed = await confirmTwoFactorSetup(own, { code: await codeAt(await storedSecret(database.db, moderator.id), new Date()), password: OWNER_PASSWORD }, theirs);
      if (!confirmed.ok) throw new Error(confirmed.message);
      expect(await loadViewer(moderator.id, theirs)).toBeNull();
      expect(await decideComment(await loadViewer(moderator.id, theirs), { commentId: f.pendingId, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 })).toMatchObject({ ok: false });
      expect((await database.db.comment.findUniqueOrThrow({ where: { id: f.pendingId } })).status).toBe("PENDING");
      // The session that turned it on carries on under the new version, with its powers.
      expect(hasRole(await loadViewer(moderator.id, confirmed.sessionVersion), "MODERATOR")).toBe(true);
    } finally {
      await database.db.$transaction(async (tx) => saveSettings(tx, { ...(await loadSettings()), requireTwoFactorForStaff: false }, await loadSettings(), admin.id));
      settingsChanged();
    }
  });

  it("someone with the password who keeps the authenticator codes locked cannot keep the owner out: a recovery code from the owner's address works", async () => {
    const { viewer, secret, recoveryCodes, at } = await withTwoFactor();
    const attacker = "198.51.100.66";
    const owner = "192.0.2.10";
    const wrong = (await codeAt(secret, at)) === "000000" ? "111111" : "000000";
    const results = await Promise.all(Array.from({ length: 12 }, () => checkSecondFactor(viewer.id, wrong, attacker, at)));
    expect(results.filter((result) => !result.ok && result.message.startsWith("Too many"))).toHaveLength(7);
    // Authenticator codes are locked for the account, from anywhere: a right one too.
    expect(await checkSecondFactor(viewer.id, await codeAt(secret, at), owner, at)).toMatchObject({ ok: false, message: expect.stringContaining("Too many") });
    // Recovery codes are counted per address: the attacker's guesses at them are limited there...
    for (let i = 0; i < 5; i++) await checkSecondFactor(viewer.id, `guess-${i}-abcdefghijklmnop`, attacker, at);
    expect(await checkSecondFactor(viewer.id, recoveryCodes[0]!, attacker, at)).toMatchObject({ ok: false, message: expect.stringContaining("Too many") });
    // ...and the owner's, from their own address, gets them in.
    expect(await checkSecondFactor(viewer.id, recoveryCodes[0]!, owner, at)).toEqual({ ok: true, kind: "recovery" });
  });
});
