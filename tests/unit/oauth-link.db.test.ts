import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/app/_lib/auth/password";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setAppDatabase } from "../support/app-db";

const { decideOAuthSignIn, redeemLinkToken, signLinkToken, verifyLinkToken } = await import("@/app/_lib/auth/oauth-link");
const { githubVerifiedEmail } = await import("@/app/_lib/auth/github-email");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

const email = () => `person-${randomUUID().slice(0, 8)}@example.com`;
/** A fake provider's account: what GitHub or Google would hand over after the redirect dance. */
const identity = (overrides: Partial<Parameters<typeof decideOAuthSignIn>[0]> = {}) => ({
  provider: "fake",
  providerAccountId: randomUUID(),
  email: email(),
  emailVerified: true,
  name: "Provider Name",
  ...overrides,
});

async function admin() {
  return database.db.user.create({ data: { email: email(), name: "Site Admin", role: "ADMIN", passwordHash: await hashPassword("admin password") } });
}

describe("signing in through an OAuth provider", () => {
  it("an identity showing an admin's email, unverified by its provider, signs in as nobody and creates nothing", async () => {
    const target = await admin();
    const attempt = identity({ email: target.email.toUpperCase(), emailVerified: false });
    expect(await decideOAuthSignIn(attempt)).toEqual({ kind: "refused", reason: "unverified-email" });
    expect(await database.db.account.count({ where: { providerAccountId: attempt.providerAccountId } })).toBe(0);
    expect(await database.db.user.count({ where: { email: target.email } })).toBe(1);
  });

  it("a verified email that belongs to an account with a password is not joined silently: the password must be given once", async () => {
    const target = await admin();
    const attempt = identity({ email: target.email });
    const decision = await decideOAuthSignIn(attempt);
    expect(decision).toMatchObject({ kind: "confirm-with-password", email: target.email });
    expect(await database.db.account.count({ where: { userId: target.id } })).toBe(0);
    if (decision.kind !== "confirm-with-password") throw new Error("unreachable");

    // The token works only for that account, only unaltered, and only for a quarter of an hour.
    const stranger = await admin();
    expect(await redeemLinkToken(decision.linkToken, stranger)).toBe(false);
    expect(await redeemLinkToken(`${decision.linkToken.slice(0, -2)}xx`, target)).toBe(false);
    expect(await redeemLinkToken(decision.linkToken, target, new Date(Date.now() + 16 * 60_000))).toBe(false);
    expect(await database.db.account.count({ where: { providerAccountId: attempt.providerAccountId } })).toBe(0);

    expect((await database.db.user.findUniqueOrThrow({ where: { id: target.id } })).emailVerified).toBeNull();
    expect(await redeemLinkToken(decision.linkToken, target)).toBe(true);
    expect(await decideOAuthSignIn(attempt)).toEqual({ kind: "sign-in", userId: target.id });
    // The provider verified the address the account uses: so does the site now.
    expect((await database.db.user.findUniqueOrThrow({ where: { id: target.id } })).emailVerified).toBeInstanceOf(Date);
  });

  it("a verified new address makes an account with a name the site accepts; the same identity signs in to it again", async () => {
    const attempt = identity({ name: "<script>Evil</script>" });
    const first = await decideOAuthSignIn(attempt);
    expect(first.kind).toBe("sign-in");
    const user = await database.db.user.findUniqueOrThrow({ where: { email: attempt.email } });
    expect(user.name).not.toMatch(/[<>]/);
    expect(user.passwordHash).toBeNull();
    expect(await decideOAuthSignIn(attempt)).toEqual(first);
  });

  it("an account that signs in only through providers is joined by another provider's verified identity", async () => {
    const first = identity();
    const { userId } = (await decideOAuthSignIn(first)) as { userId: string };
    expect(await decideOAuthSignIn(identity({ provider: "other", email: first.email }))).toEqual({ kind: "sign-in", userId });
  });

  it("an account created by a provider is verified, and joining a passwordless account through a verified address verifies it", async () => {
    const created = identity();
    const decision = await decideOAuthSignIn(created);
    expect(decision).toMatchObject({ kind: "sign-in" });
    expect((await database.db.user.findUniqueOrThrow({ where: { email: created.email } })).emailVerified).toBeInstanceOf(Date);

    const passwordless = await database.db.user.create({ data: { email: email(), name: "No Password" } });
    expect(await decideOAuthSignIn(identity({ email: passwordless.email }))).toEqual({ kind: "sign-in", userId: passwordless.id });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: passwordless.id } })).emailVerified).toBeInstanceOf(Date);
  });

  it("a banned account signs in by no route: not through a provider it had connected, nor by email", async () => {
    const attempt = identity();
    const { userId } = (await decideOAuthSignIn(attempt)) as { userId: string };
    await database.db.user.update({ where: { id: userId }, data: { status: "BANNED" } });
    expect(await decideOAuthSignIn(attempt)).toEqual({ kind: "refused", reason: "banned" });
    expect(await decideOAuthSignIn(identity({ provider: "other", email: attempt.email }))).toEqual({ kind: "refused", reason: "banned" });
  });

  it("link tokens are signed: a made-up or re-addressed token is refused", () => {
    const token = signLinkToken({ provider: "fake", providerAccountId: "1", email: "a@example.com" });
    expect(verifyLinkToken(token)).toEqual({ provider: "fake", providerAccountId: "1", email: "a@example.com" });
    const [, signature] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify(["fake", "1", "admin@example.com", Math.floor(Date.now() / 1000)])).toString("base64url")}.${signature}`;
    expect(verifyLinkToken(forged)).toBeNull();
    expect(verifyLinkToken("nonsense")).toBeNull();
  });
});

describe("GitHub's email", () => {
  const fakeGitHub = (emails: unknown) => (async () => new Response(JSON.stringify(emails), { status: 200 })) as unknown as typeof fetch;

  it("is the primary address only when GitHub verified it; an unverified primary or a verified secondary is no email at all", async () => {
    expect(await githubVerifiedEmail("token", fakeGitHub([{ email: "admin@example.com", primary: true, verified: false }, { email: "me@example.com", primary: false, verified: true }]))).toBeNull();
    expect(await githubVerifiedEmail("token", fakeGitHub([{ email: "me@example.com", primary: true, verified: true }]))).toBe("me@example.com");
    expect(await githubVerifiedEmail("token", (async () => new Response("", { status: 403 })) as unknown as typeof fetch)).toBeNull();
  });
});
