/**
 * The ways an account could be taken back after its owner secured it: a change-of-address link
 * asked for by whoever once held the account, a session that ends the others while it is itself
 * being ended, and a reset and a change of address of one account at the same moment.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decode } from "next-auth/jwt";
import { hashPassword } from "@/app/_lib/auth/password";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { viewerSelect } from "@/app/_lib/auth/viewer-select";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";

const setCookies: { name: string; value: string }[] = [];
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));
// Counted, to show which requests cost a password hash.
vi.mock("@/app/_lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/app/_lib/auth/password")>();
  return { ...actual, hashPassword: vi.fn(actual.hashPassword) };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({ set: (name: string, value: string) => setCookies.push({ name, value }), get: () => undefined }),
  headers: async () => new Headers(),
}));

const { issueToken } = await import("@/app/_lib/account-tokens/token");
const { requestPasswordReset, resetPassword } = await import("@/app/_lib/account/password-reset");
const { changePassword } = await import("@/app/_lib/account/change-password");
const { requestEmailChange } = await import("@/app/_lib/account/change-email");
const { confirmEmailLink } = await import("@/app/_lib/account/verify-email");
const { signOutEverywhereElse } = await import("@/app/_lib/account/sign-out-elsewhere");
const { keepThisSession } = await import("@/app/_lib/auth/keep-this-session");
const { loadViewer } = await import("@/app/_lib/auth/viewer");

const PASSWORD = "the old password";
const BROKEN = { ok: false, message: expect.stringMatching(/^This link has expired or has been used already/) };
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

const address = () => `person-${randomBytes(5).toString("hex")}@example.com`;
async function person(data: { passwordHash?: string | null } = {}): Promise<Viewer> {
  return { ...(await database.db.user.create({ data: { name: "Pat Person", email: address(), passwordHash: await hashPassword(PASSWORD), emailVerified: new Date(), ...data }, select: viewerSelect })), twoFactorOn: false, mustSetUpTwoFactor: false };
}
const mailTo = (to: string, kind: string) => database.db.outboxMessage.findMany({ where: { toAddress: to, kind }, orderBy: { createdAt: "asc" } });
const tokenIn = (text: string, path: string) => new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text)![1]!;
const linkTo = async (to: string, kind: string, path: string) => tokenIn((await mailTo(to, kind)).at(-1)!.text, path);

describe("a change-of-address link someone else asked for", () => {
  it("dies with a password reset, so it cannot take the account back later", async () => {
    const owner = await person();
    const thief = address();
    expect(await requestEmailChange(owner, { newEmail: thief, password: PASSWORD })).toEqual({ ok: true });
    const stolenLink = await linkTo(thief, "change-email", "/verify-email");
    await requestPasswordReset(owner.email, "198.51.100.7");
    expect(await resetPassword(await linkTo(owner.email, "reset-password", "/reset-password"), "the owner's fresh password")).toEqual({ ok: true });
    expect(await confirmEmailLink(stolenLink)).toEqual(BROKEN);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: owner.id } })).email).toBe(owner.email);
  });

  it("dies with a new password set on the account page", async () => {
    const owner = await person();
    const thief = address();
    await requestEmailChange(owner, { newEmail: thief, password: PASSWORD });
    expect(await changePassword(owner, 0, { currentPassword: PASSWORD, newPassword: "the owner's fresh password" })).toEqual({ ok: true, sessionVersion: 1 });
    expect(await confirmEmailLink(await linkTo(thief, "change-email", "/verify-email"))).toEqual(BROKEN);
  });

  it("dies when the owner ends every other session, even on an account without a password", async () => {
    const owner = await person({ passwordHash: null });
    const thief = address();
    expect(await requestEmailChange(owner, { newEmail: thief })).toEqual({ ok: true });
    expect(await signOutEverywhereElse(owner, 0)).toBe(1);
    expect(await confirmEmailLink(await linkTo(thief, "change-email", "/verify-email"))).toEqual(BROKEN);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: owner.id } })).email).toBe(owner.email);
  });

  it("is replaced by a newer request: only the latest address can become the account's", async () => {
    const someone = await person();
    const typo = address();
    const real = address();
    await requestEmailChange(someone, { newEmail: typo, password: PASSWORD });
    await requestEmailChange(someone, { newEmail: real, password: PASSWORD });
    expect(await confirmEmailLink(await linkTo(typo, "change-email", "/verify-email"))).toEqual(BROKEN);
    expect(await confirmEmailLink(await linkTo(real, "change-email", "/verify-email"))).toMatchObject({ ok: true, kind: "changed", email: real });
  });

  it("reaches one address at most three times an hour, however many accounts ask", async () => {
    const stranger = address();
    const accounts = await Promise.all(Array.from({ length: 5 }, () => person()));
    await Promise.all(accounts.flatMap((account) => Array.from({ length: 3 }, () => requestEmailChange(account, { newEmail: stranger, password: PASSWORD }))));
    expect(await mailTo(stranger, "change-email")).toHaveLength(3);
  });
});

describe("a session ended while it asks", () => {
  it("cannot end the others and keep itself signed in after a reset", async () => {
    const owner = await person();
    // A thief's request passed getViewer under version 0; the owner's reset ends that session.
    const thief = (await loadViewer(owner.id, 0))!;
    await requestPasswordReset(owner.email, "198.51.100.8");
    expect(await resetPassword(await linkTo(owner.email, "reset-password", "/reset-password"), "the owner's fresh password")).toEqual({ ok: true });
    expect(await signOutEverywhereElse(thief, 0)).toBeNull();
    expect(await changePassword(thief, 0, { currentPassword: "the owner's fresh password", newPassword: "the thief's password" })).toMatchObject({ ok: false, field: "form" });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: owner.id } })).sessionVersion).toBe(1);
  });

  it("that is still current keeps a cookie under exactly the version it moved to", async () => {
    const owner = await person();
    const version = await signOutEverywhereElse(owner, 0);
    expect(version).toBe(1);
    setCookies.length = 0;
    await keepThisSession(owner.id, version!);
    const claims = await decode({ token: setCookies[0]!.value, secret: process.env.NEXTAUTH_SECRET! });
    expect(claims).toMatchObject({ sub: owner.id, sv: 1 });
    expect(await loadViewer(owner.id, 0)).toBeNull();
    expect(await loadViewer(owner.id, 1)).not.toBeNull();
  });
});

describe("one account's links at the same moment", () => {
  it("a reset and a change of address never fail each other: each is done or refused, 15 rounds", async () => {
    const passwordHash = await hashPassword(PASSWORD);
    const failures: string[] = [];
    for (let round = 0; round < 15; round++) {
      const user = await database.db.user.create({ data: { name: "Pat", email: address(), passwordHash }, select: { id: true, email: true } });
      const [reset, change] = await database.db.$transaction(async (tx) => [
        await issueToken(tx, { userId: user.id, purpose: "reset-password", email: user.email }),
        await issueToken(tx, { userId: user.id, purpose: "change-email", email: address() }),
      ]);
      const results = await Promise.allSettled([resetPassword(reset, "a brand new password"), confirmEmailLink(change)]);
      for (const result of results) if (result.status === "rejected") failures.push(String((result.reason as Error).message).split("\n").at(-1)!);
      // Whichever came first, the other cannot have handed the account over after it.
      const done = results.map((result) => result.status === "fulfilled" && result.value.ok);
      expect(done.filter(Boolean).length, `round ${round}`).toBeGreaterThanOrEqual(1);
    }
    expect(failures).toEqual([]);
  });

  it("a made-up reset link is refused before any password is hashed", async () => {
    const hashed = vi.mocked(hashPassword).mock.calls.length;
    const answers = await Promise.all(Array.from({ length: 40 }, () => resetPassword(randomBytes(32).toString("base64url"), "a brand new password")));
    expect(answers).toEqual(Array.from({ length: 40 }, () => BROKEN));
    expect(vi.mocked(hashPassword).mock.calls.length).toBe(hashed);
  });
});
