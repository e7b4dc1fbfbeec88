/**
 * Every server action and data route handler, called as each kind of person. The table is checked
 * against the actions the code actually exports, so a new action cannot ship without a row here.
 * A refusal must leave the database exactly as it was.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { databaseSnapshot, threadFixture } from "../support/thread-fixture";
import { setAppDatabase } from "../support/app-db";
import { guestAddressHash } from "@/app/_lib/users/guest-address";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/app/_lib/auth/viewer")>()),
  getViewer: async () => state.viewer,
  sessionClaims: async () => ({ userId: (state.viewer as Viewer | null)?.id ?? null, sessionVersion: 0 }),
}));
// An allowed decision teaches the spam filter a second later (it marks the comments it learnt
// from), which could land inside a later case's before-and-after snapshots; learning has its own
// tests, this table is about who may act.
vi.mock("@/app/_lib/spam/train", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/app/_lib/spam/train")>()), learnSoon: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 250)}` }),
  cookies: async () => ({ delete: () => undefined, set: () => undefined }),
}));
process.env.NEXTAUTH_SECRET ??= "authorization-matrix-secret";
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;${to}` });
  },
}));

const actionsDir = path.resolve(__dirname, "../../app/_lib/actions");
const actionFiles = readdirSync(actionsDir).filter((file) => readFileSync(path.join(actionsDir, file), "utf8").trimStart().startsWith('"use server"'));
const modules = Object.fromEntries(await Promise.all(actionFiles.map(async (file) => [file.replace(/\.ts$/, ""), await import(`@/app/_lib/actions/${file}`)] as const)));
const { GET: pendingRoute } = await import("@/app/api/moderation/pending/route");
const { GET: queueRoute } = await import("@/app/api/moderation/queue/route");
const { GET: contextsRoute } = await import("@/app/api/moderation/contexts/route");
const { GET: eventsRoute } = await import("@/app/api/moderation/events/route");
const { decideComment } = await import("@/app/_lib/moderation/decide");
const { signUnsubscribeToken } = await import("@/app/_lib/mail/unsubscribe-token");
const { hashPassword } = await import("@/app/_lib/auth/password");
const { issueToken } = await import("@/app/_lib/account-tokens/token");
const { startTwoFactorSetup, confirmTwoFactorSetup } = await import("@/app/_lib/two-factor/setup");
const { currentCode } = await import("../support/two-factor");

type Person = "signed out" | "reader" | "suspended reader" | "banned reader" | "moderator" | "admin" | "owner" | "banned owner";
type Fixture = { postId: string; postSlug: string; ownerId: string; pendingId: string; approvedId: string; readerId: string; termsVersion: number };
type Outcome = "allowed" | "refused";
/** `arrange`: what the person needs before the call (kept out of the refused case's "nothing changed" check). */
const undoable = { eventId: "" };
/** An emailed link's token for the fixture's owner: the credential of the token-bearing actions. */
const emailed = { token: "" };
const ACCOUNT_PASSWORD = "the account's password";
/** Test accounts have no password; the password-confirmed changes need one. */
const givePassword = async (_f: Fixture, viewer: Viewer | null) => {
  if (viewer) await database.db.user.update({ where: { id: viewer.id }, data: { passwordHash: await hashPassword(ACCOUNT_PASSWORD) } });
};
const emailOwner = (purpose: "verify-email" | "reset-password") => async (f: Fixture) => {
  const owner = await database.db.user.findUniqueOrThrow({ where: { id: f.ownerId } });
  emailed.token = await database.db.$transaction((tx) => issueToken(tx, { userId: owner.id, purpose, email: owner.email }));
};
/** A current authenticator code for the person's pending set-up, for the confirming action. */
const authenticator = { code: "" };
const pendingTwoFactor = async (f: Fixture, viewer: Viewer | null) => {
  await givePassword(f, viewer);
  if (!viewer) return;
  await startTwoFactorSetup(viewer);
  authenticator.code = await currentCode(database.db, viewer.id);
};
/** Two-factor on (and a password), for the actions that change it. */
const withTwoFactor = async (f: Fixture, viewer: Viewer | null) => {
  if (!viewer) return;
  await pendingTwoFactor(f, viewer);
  await confirmTwoFactorSetup(viewer, { code: authenticator.code, password: ACCOUNT_PASSWORD }, 0);
};
type Row = { people: Partial<Record<Person, Outcome>>; arrange?: (fixture: Fixture, viewer: Viewer | null) => Promise<void>; call: (fixture: Fixture) => Promise<unknown>; succeeded: (result: unknown) => boolean };

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const formOk = (result: unknown) => (result as { status?: string }).status === "success";
const actionOk = (result: unknown) => (result as { ok?: boolean }).ok === true;
const everyoneActive = { reader: "allowed", "suspended reader": "refused", "banned reader": "refused", moderator: "allowed", admin: "allowed", "signed out": "refused" } as const;
const staffOnly = { reader: "refused", "suspended reader": "refused", "banned reader": "refused", moderator: "allowed", admin: "allowed", "signed out": "refused", owner: "refused" } as const;
const adminOnly = { ...staffOnly, moderator: "refused" } as const;
const anyoneSignedIn = { reader: "allowed", "banned reader": "allowed", moderator: "allowed", admin: "allowed", "signed out": "refused" } as const;
/** Redirect-on-success actions end by throwing Next's redirect; this turns that into a result. */
const redirectedTo = async (call: () => Promise<unknown>) => {
  try {
    return await call();
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT;")) return { redirectedTo: digest.slice("NEXT_REDIRECT;".length) };
    throw error;
  }
};
const ownerOnly = { owner: "allowed", "banned owner": "refused", reader: "refused", moderator: "refused", admin: "refused", "signed out": "refused" } as const;

const TABLE: Record<string, Row> = {
  "comments#submitComment": {
    people: everyoneActive,
    call: (f) =>
      modules.comments.submitComment({ status: "idle" }, form({ postId: f.postId, body: `Hello ${randomUUID()}`, acceptTerms: "on", termsVersion: String(f.termsVersion), submissionKey: randomUUID() })),
    succeeded: formOk,
  },
  "comments#editComment": { people: ownerOnly, call: (f) => modules.comments.editComment({ status: "idle" }, form({ commentId: f.pendingId, body: "Edited text" })), succeeded: formOk },
  "comments#deleteComment": {
    people: { ...ownerOnly, "banned owner": "allowed" },
    call: (f) => modules.comments.deleteComment({ status: "idle" }, form({ commentId: f.pendingId })),
    succeeded: formOk,
  },
  "moderation#decide": { people: staffOnly, call: (f) => modules.moderation.decide({ commentId: f.pendingId, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }), succeeded: actionOk },
  "moderation#decideMany": {
    people: staffOnly,
    call: (f) => modules.moderation.decideMany({ items: [{ commentId: f.pendingId, expectedStatus: "PENDING", expectedRevision: 1 }], decision: "TRASH" }),
    succeeded: actionOk,
  },
  "moderation#editAsModeratorAction": { people: staffOnly, call: (f) => modules.moderation.editAsModeratorAction({ commentId: f.pendingId, body: "Moderated text" }), succeeded: actionOk },
  "moderation#undo": {
    people: staffOnly,
    // A decision made a moment ago: by the person themselves when they may decide, else by a moderator.
    arrange: async (f, viewer) => {
      const decider = viewer && viewer.role !== "READER" ? viewer : await makeViewer(database.db, { role: "MODERATOR" });
      const decided = await decideComment(decider, { commentId: f.pendingId, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
      if (!decided.ok) throw new Error(decided.message);
      undoable.eventId = decided.eventId;
    },
    call: () => modules.moderation.undo({ eventIds: [undoable.eventId] }),
    succeeded: actionOk,
  },
  "moderation#dismissReports": { people: staffOnly, call: (f) => modules.moderation.dismissReports({ commentId: f.approvedId }), succeeded: actionOk },
  "reports#reportComment": {
    people: { ...everyoneActive, owner: "refused" },
    call: (f) => modules.reports.reportComment({ status: "idle" }, form({ commentId: f.approvedId, reason: "SPAM" })),
    succeeded: formOk,
  },
  "users#updateUser": {
    people: staffOnly,
    call: (f) => modules.users.updateUser({ status: "idle" }, form({ userId: f.readerId, operation: "ban", reason: "Matrix test" })),
    succeeded: formOk,
  },
  "settings#saveSettings": {
    people: adminOnly,
    call: () =>
      modules.settings.saveSettings(
        { status: "idle" },
        form({ blocklist: `word${randomUUID().slice(0, 6)}`, holdWords: "", maxLinks: "2", holdFirstComment: "on", requirePreviousApproval: "on", unverifiedMayComment: "on", commentIntervalSeconds: "15", maxReplyDepth: "3", duplicateWindowMinutes: "10", closeCommentsAfterDays: "0", minSecondsToComment: "3", spamThresholdPercent: "0" }),
      ),
    succeeded: formOk,
  },
  "terms#publishTerms": {
    people: adminOnly,
    call: () => modules.terms.publishTerms({ status: "idle" }, form({ body: "Updated terms. ".repeat(20), effectiveAt: "2099-01-01" })),
    succeeded: formOk,
  },
  "posts#savePost": {
    people: adminOnly,
    call: async () => {
      try {
        return await modules.posts.savePost({ status: "idle" }, form({ title: `Post ${randomUUID()}`, authorName: "A", publishedAt: "2026-01-01", body: "Body" }));
      } catch (error) {
        // Success ends in a redirect to the new post.
        if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return { status: "success" };
        throw error;
      }
    },
    succeeded: formOk,
  },
  "posts#toggleComments": {
    people: adminOnly,
    call: async (f) => {
      await modules.posts.toggleComments(form({ postId: f.postId, open: "false" }));
      return { closed: !(await database.db.post.findUniqueOrThrow({ where: { id: f.postId } })).commentsOpen };
    },
    succeeded: (result) => (result as { closed: boolean }).closed,
  },
  "account#savePreferences": {
    people: anyoneSignedIn,
    call: () => modules.account.savePreferences({ status: "idle" }, form({ moderatorAlerts: "EACH" })),
    succeeded: formOk,
  },
  "account#saveReplyEmails": {
    people: { ...ownerOnly, "banned owner": "allowed" },
    call: (f) => modules.account.saveReplyEmails({ status: "idle" }, form({ commentId: f.approvedId, notifyReplies: "true" })),
    succeeded: formOk,
  },
  "account#claimEarlierComments": {
    people: { reader: "allowed", "suspended reader": "allowed", "banned reader": "refused", moderator: "allowed", admin: "allowed", "signed out": "refused" },
    // Each person arrives with a verified address that an imported guest comment was written from.
    arrange: async (f, viewer) => {
      if (!viewer) return;
      await database.db.user.update({ where: { id: viewer.id }, data: { emailVerified: new Date() } });
      await database.db.comment.create({ data: { postId: f.postId, guestName: "Guest", body: "Written as a guest.", status: "APPROVED", guestEmailHash: guestAddressHash(viewer.email) } });
    },
    call: () => modules.account.claimEarlierComments({ status: "idle" }, form({})),
    succeeded: (result) => formOk(result) && (result as { message?: string }).message === "1 comment is now yours and shows your name.",
  },
  "account#markNotificationsRead": { people: anyoneSignedIn, call: () => modules.account.markNotificationsRead({ status: "idle" }, form({})), succeeded: formOk },
  "account#deleteAccountAction": {
    people: anyoneSignedIn,
    // Test accounts have no password, so the person confirms with their own email address.
    call: () => redirectedTo(() => modules.account.deleteAccountAction({ status: "idle" }, form({ password: (state.viewer as Viewer | null)?.email ?? "someone@example.com", comments: "keep" }))),
    succeeded: (result) => (result as { redirectedTo?: string }).redirectedTo === "/?account=deleted",
  },
  // The signed token is the credential, whoever holds it; forged tokens are refused in mail.test.ts.
  "unsubscribe#changeSubscription": {
    people: { "signed out": "allowed", reader: "allowed" },
    call: (f) => modules.unsubscribe.changeSubscription({ status: "idle" }, form({ token: signUnsubscribeToken({ userId: f.ownerId, topic: "decisions" }), subscribe: "false" })),
    succeeded: formOk,
  },
  "register#registerAccount": {
    people: { "signed out": "allowed", reader: "allowed" },
    call: () => modules.register.registerAccount({ status: "idle" }, form({ name: "New Person", email: `new-${randomUUID()}@example.com`, password: "long enough password" })),
    succeeded: formOk,
  },
  // Anyone may ask; the answer is the same whether or not the address has an account.
  "password-reset#requestPasswordResetAction": {
    people: { "signed out": "allowed", reader: "allowed" },
    call: (f) => modules["password-reset"].requestPasswordResetAction({ status: "idle" }, form({ email: `someone-${f.ownerId}@example.com` })),
    succeeded: formOk,
  },
  // The emailed token is the credential, whoever holds it; used, expired, forged and other
  // people's tokens are refused in account-tokens.db.test.ts.
  "password-reset#resetPasswordAction": {
    people: { "signed out": "allowed", reader: "allowed" },
    arrange: emailOwner("reset-password"),
    call: () => modules["password-reset"].resetPasswordAction({ status: "idle" }, form({ token: emailed.token, password: "a brand new password" })),
    succeeded: formOk,
  },
  "email-verification#confirmEmailAction": {
    people: { "signed out": "allowed", reader: "allowed" },
    arrange: emailOwner("verify-email"),
    call: () => modules["email-verification"].confirmEmailAction({ status: "idle" }, form({ token: emailed.token })),
    succeeded: formOk,
  },
  "email-verification#resendVerificationEmail": { people: anyoneSignedIn, call: () => modules["email-verification"].resendVerificationEmail({ status: "idle" }, form({})), succeeded: formOk },
  "account-security#changePasswordAction": {
    people: anyoneSignedIn,
    arrange: givePassword,
    call: () => modules["account-security"].changePasswordAction({ status: "idle" }, form({ currentPassword: ACCOUNT_PASSWORD, newPassword: "a brand new password" })),
    succeeded: formOk,
  },
  "account-security#changeEmailAction": {
    people: anyoneSignedIn,
    arrange: givePassword,
    call: () => modules["account-security"].changeEmailAction({ status: "idle" }, form({ newEmail: `moved-${randomUUID()}@example.com`, password: ACCOUNT_PASSWORD })),
    succeeded: formOk,
  },
  "two-factor#startTwoFactorAction": { people: anyoneSignedIn, arrange: givePassword, call: () => modules["two-factor"].startTwoFactorAction({ status: "idle" }, form({})), succeeded: formOk },
  "two-factor#confirmTwoFactorAction": {
    people: anyoneSignedIn,
    arrange: pendingTwoFactor,
    call: () => modules["two-factor"].confirmTwoFactorAction({ status: "idle" }, form({ code: authenticator.code || "123456", password: ACCOUNT_PASSWORD })),
    succeeded: formOk,
  },
  "two-factor#turnOffTwoFactorAction": {
    people: anyoneSignedIn,
    arrange: withTwoFactor,
    call: () => modules["two-factor"].turnOffTwoFactorAction({ status: "idle" }, form({ password: ACCOUNT_PASSWORD })),
    succeeded: formOk,
  },
  "two-factor#regenerateRecoveryCodesAction": {
    people: anyoneSignedIn,
    arrange: withTwoFactor,
    call: () => modules["two-factor"].regenerateRecoveryCodesAction({ status: "idle" }, form({ password: ACCOUNT_PASSWORD })),
    succeeded: formOk,
  },
  "account-security#signOutEverywhereElseAction": { people: anyoneSignedIn, call: () => modules["account-security"].signOutEverywhereElseAction({ status: "idle" }, form({})), succeeded: formOk },
  "route GET /api/moderation/queue": {
    people: { ...staffOnly },
    call: async () => {
      const { NextRequest } = await import("next/server");
      const response = await queueRoute(new NextRequest("http://localhost/api/moderation/queue?tab=pending"));
      return { status: response.status };
    },
    succeeded: (result) => (result as { status: number }).status === 200,
  },
  "route GET /api/moderation/contexts": {
    people: { ...staffOnly },
    call: async (f) => {
      const { NextRequest } = await import("next/server");
      const response = await contextsRoute(new NextRequest(`http://localhost/api/moderation/contexts?ids=${f.pendingId}`));
      const body = (await response.json()) as { contexts?: { commentId: string }[] };
      return { status: response.status, contexts: body.contexts?.map((context) => context.commentId) ?? [] };
    },
    succeeded: (result) => {
      const { status, contexts } = result as { status: number; contexts: string[] };
      return status === 200 && contexts.length === 1;
    },
  },
  "route GET /api/moderation/events": {
    people: { ...staffOnly },
    call: async () => {
      const abort = new AbortController();
      const response = await eventsRoute(new Request("http://localhost/api/moderation/events", { signal: abort.signal }));
      // A granted stream opens with its first lines; a refusal is a plain JSON error.
      const opening = response.body ? new TextDecoder().decode((await response.body.getReader().read()).value) : "";
      abort.abort();
      return { status: response.status, opening };
    },
    succeeded: (result) => (result as { status: number; opening: string }).status === 200 && (result as { opening: string }).opening.includes(": connected"),
  },
  "route GET /api/moderation/pending": {
    people: { ...staffOnly },
    call: async () => {
      const { NextRequest } = await import("next/server");
      const response = await pendingRoute(new NextRequest("http://localhost/api/moderation/pending"));
      return { status: response.status };
    },
    succeeded: (result) => (result as { status: number }).status === 200,
  },
};

let database: TestDatabase;
let termsVersion: number;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  termsVersion = (await database.db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } })).version;
});
afterAll(() => database.drop());

async function fixture(): Promise<Fixture & { owner: Viewer }> {
  const { post, author: owner, reader, pendingId, approvedId } = await threadFixture(database.db);
  return { postId: post.id, postSlug: post.slug, ownerId: owner.id, pendingId, approvedId, readerId: reader.id, termsVersion, owner };
}

async function personFor(person: Person, f: Fixture & { owner: Viewer }): Promise<Viewer | null> {
  const db = database.db;
  switch (person) {
    case "signed out":
      return null;
    case "reader":
      return makeViewer(db);
    case "suspended reader":
      return makeViewer(db, { status: "SUSPENDED", suspendedUntil: new Date(Date.now() + 86_400_000) });
    case "banned reader":
      return makeViewer(db, { status: "BANNED" });
    case "moderator":
      return makeViewer(db, { role: "MODERATOR" });
    case "admin":
      return makeViewer(db, { role: "ADMIN" });
    case "owner":
      return f.owner;
    case "banned owner":
      await db.user.update({ where: { id: f.owner.id }, data: { status: "BANNED" } });
      return { ...f.owner, status: "BANNED" };
  }
}


describe("authorization matrix", () => {
  it("lists every exported server action", () => {
    const exported = Object.entries(modules).flatMap(([file, module]) =>
      Object.entries(module as Record<string, unknown>)
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => `${file}#${name}`),
    );
    expect(exported.length).toBeGreaterThan(10);
    expect(Object.keys(TABLE).filter((key) => !key.startsWith("route ")).sort()).toEqual(exported.sort());
  });

  const cases = Object.entries(TABLE).flatMap(([name, row]) => Object.entries(row.people).map(([person, outcome]) => ({ name, person: person as Person, outcome: outcome as Outcome, row })));

  it.each(cases)("$name as $person is $outcome", async ({ person, outcome, row }) => {
    const f = await fixture();
    state.viewer = await personFor(person, f);
    await row.arrange?.(f, state.viewer as Viewer | null);
    const before = await databaseSnapshot(database.db);
    const result = await row.call(f);
    if (outcome === "allowed") {
      expect(row.succeeded(result), JSON.stringify(result)).toBe(true);
    } else {
      expect(row.succeeded(result), JSON.stringify(result)).toBe(false);
      expect(await databaseSnapshot(database.db)).toBe(before);
    }
  });
});
