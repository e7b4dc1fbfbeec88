/**
 * A ban, or a suspension until it ends, takes moderation and admin powers away from moderators and
 * admins as it takes commenting away from readers: every staff function refuses them and changes
 * nothing, and the same people get their powers back the moment the suspension ends.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, requirePageRole } from "@/app/_lib/auth/require";
import { decideComment, decideComments } from "@/app/_lib/moderation/decide";
import { editAsModerator } from "@/app/_lib/moderation/edit";
import { dismissReports } from "@/app/_lib/moderation/reports";
import { findUsers, getUserDetail, updateUser } from "@/app/_lib/moderation/users";
import { listQueue, pendingSummary } from "@/app/_lib/moderation/queue";
import { listLog } from "@/app/_lib/moderation/log";
import { loadDashboard } from "@/app/_lib/moderation/dashboard";
import { listOutbox } from "@/app/_lib/mail/outbox-list";
import { updateSettings } from "@/app/_lib/settings/update";
import { getSettings } from "@/app/_lib/settings";
import { publishTerms } from "@/app/_lib/terms/publish";
import { savePost, setCommentsOpen } from "@/app/_lib/posts/save";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { databaseSnapshot, threadFixture } from "../support/thread-fixture";
import { setAppDatabase } from "../support/app-db";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", () => ({ getViewer: async () => state.viewer }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;${to}` });
  },
  forbidden: () => {
    throw Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;403"), { digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
  },
}));
const { GET: pendingRoute } = await import("@/app/api/moderation/pending/route");

type Fixture = { postId: string; pendingId: string; approvedId: string; readerId: string };
type Power = { role: "MODERATOR" | "ADMIN"; use: (viewer: Viewer, fixture: Fixture) => Promise<unknown>; worked: (result: unknown) => boolean };

const ok = (result: unknown) => (result as { ok?: boolean }).ok === true;
const notEmpty = (result: unknown) => Array.isArray(result) && result.length > 0;
const given = (result: unknown) => result !== null;

/** Every staff power, called as the domain functions behind the actions and pages call it. */
const POWERS: Record<string, Power> = {
  "decide a comment": { role: "MODERATOR", use: (v, f) => decideComment(v, { commentId: f.pendingId, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }), worked: ok },
  "decide comments in bulk": { role: "MODERATOR", use: (v, f) => decideComments(v, [{ commentId: f.pendingId, expectedStatus: "PENDING", expectedRevision: 1 }], "TRASH"), worked: ok },
  "edit a comment": { role: "MODERATOR", use: (v, f) => editAsModerator(v, { commentId: f.pendingId, body: "Moderated text" }), worked: ok },
  "dismiss reports": { role: "MODERATOR", use: (v, f) => dismissReports(v, f.approvedId), worked: ok },
  "ban a reader": { role: "MODERATOR", use: (v, f) => updateUser(v, { operation: "ban", userId: f.readerId, reason: "Suspension test" }), worked: ok },
  "read the queue": { role: "MODERATOR", use: async (v) => (await listQueue(v, "pending", {})).items, worked: notEmpty },
  "see the pending count": { role: "MODERATOR", use: (v) => pendingSummary(v), worked: given },
  "read the log": { role: "MODERATOR", use: async (v) => (await listLog(v, {})).entries, worked: notEmpty },
  "find users": { role: "MODERATOR", use: (v) => findUsers(v, ""), worked: notEmpty },
  "read a user's record": { role: "MODERATOR", use: (v, f) => getUserDetail(v, f.readerId), worked: given },
  "read the dashboard": { role: "MODERATOR", use: (v) => loadDashboard(v), worked: given },
  "change a role": { role: "ADMIN", use: (v, f) => updateUser(v, { operation: "role", userId: f.readerId, reason: "Suspension test", role: "MODERATOR" }), worked: ok },
  "change settings": { role: "ADMIN", use: async (v) => updateSettings(v, { ...(await getSettings()), maxLinks: 7 }), worked: ok },
  "publish terms": { role: "ADMIN", use: (v) => publishTerms(v, { body: "New terms. ".repeat(30), effectiveAt: new Date("2099-01-01") }), worked: ok },
  "add a post": {
    role: "ADMIN",
    use: (v) => savePost(v, { title: "New post", slug: `new-${randomUUID()}`, authorName: "Admin", publishedAt: new Date(), body: "Body", commentsOpen: true }),
    worked: ok,
  },
  "close a post's comments": { role: "ADMIN", use: (v, f) => setCommentsOpen(v, f.postId, false), worked: ok },
  "read the outbox": { role: "ADMIN", use: (v) => listOutbox(v, {}), worked: given },
};

const DAY = 86_400_000;
const RESTRICTED: Record<string, { role: "MODERATOR" | "ADMIN"; status: "SUSPENDED" | "BANNED"; suspendedUntil: Date | null }> = {
  "a moderator suspended until tomorrow": { role: "MODERATOR", status: "SUSPENDED", suspendedUntil: new Date(Date.now() + DAY) },
  "a moderator suspended until lifted": { role: "MODERATOR", status: "SUSPENDED", suspendedUntil: null },
  "an admin suspended until tomorrow": { role: "ADMIN", status: "SUSPENDED", suspendedUntil: new Date(Date.now() + DAY) },
  "a banned admin": { role: "ADMIN", status: "BANNED", suspendedUntil: null },
};
/** Suspensions that ended yesterday: the status is still SUSPENDED, the end date has passed. */
const RESTORED: Record<string, { role: "MODERATOR" | "ADMIN"; status: "SUSPENDED"; suspendedUntil: Date }> = {
  "a moderator whose suspension ended": { role: "MODERATOR", status: "SUSPENDED", suspendedUntil: new Date(Date.now() - DAY) },
  "an admin whose suspension ended": { role: "ADMIN", status: "SUSPENDED", suspendedUntil: new Date(Date.now() - DAY) },
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

async function fixture(): Promise<Fixture> {
  const { post, author, reader, pendingId, approvedId } = await threadFixture(database.db);
  await database.db.moderationEvent.create({ data: { action: "APPROVE", commentId: approvedId, postId: post.id, subjectUserId: author.id } });
  return { postId: post.id, pendingId, approvedId, readerId: reader.id };
}


const forRoles = (people: Record<string, { role: "MODERATOR" | "ADMIN" }>) =>
  Object.entries(people).flatMap(([person, standing]) =>
    Object.entries(POWERS)
      .filter(([, power]) => standing.role === "ADMIN" || power.role === "MODERATOR")
      .map(([name, power]) => ({ person, name, power })),
  );

describe("suspended and banned staff", () => {
  it("lose their role at the suspension's end date, to the millisecond", () => {
    const until = new Date("2030-06-01T00:00:00Z");
    const moderator = { id: "m", name: "M", email: "m@example.com", emailVerified: null, role: "MODERATOR" as const, status: "SUSPENDED" as const, suspendedUntil: until, statusReason: null, alwaysPremoderate: false, trusted: false, createdAt: new Date(), twoFactorOn: false, mustSetUpTwoFactor: false };
    expect(hasRole(moderator, "MODERATOR", new Date(until.getTime() - 1))).toBe(false);
    expect(hasRole(moderator, "MODERATOR", until)).toBe(true);
    expect(hasRole({ ...moderator, role: "ADMIN", status: "BANNED", suspendedUntil: null }, "MODERATOR")).toBe(false);
  });

  it.each(forRoles(RESTRICTED))("$person cannot $name, and nothing changes", async ({ person, power }) => {
    const f = await fixture();
    const viewer = await makeViewer(database.db, RESTRICTED[person]!);
    const before = await databaseSnapshot(database.db);
    const result = await power.use(viewer, f);
    expect(power.worked(result), JSON.stringify(result)).toBe(false);
    expect(await databaseSnapshot(database.db)).toBe(before);
  });

  it.each(forRoles(RESTORED))("$person can $name again", async ({ person, power }) => {
    const f = await fixture();
    const viewer = await makeViewer(database.db, RESTORED[person]!);
    const result = await power.use(viewer, f);
    expect(power.worked(result), JSON.stringify(result)).toBe(true);
  });

  it.each(Object.keys(RESTRICTED))("%s is refused the moderation pages and the live queue route", async (person) => {
    state.viewer = await makeViewer(database.db, RESTRICTED[person]!);
    await expect(requirePageRole("MODERATOR", "/moderation")).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    const { NextRequest } = await import("next/server");
    expect((await pendingRoute(new NextRequest("http://localhost/api/moderation/pending"))).status).toBe(403);
  });

  it.each(Object.keys(RESTORED))("%s is let into the moderation pages and the live queue route again", async (person) => {
    const viewer = await makeViewer(database.db, RESTORED[person]!);
    state.viewer = viewer;
    expect((await requirePageRole("MODERATOR", "/moderation")).id).toBe(viewer.id);
    const { NextRequest } = await import("next/server");
    expect((await pendingRoute(new NextRequest("http://localhost/api/moderation/pending"))).status).toBe(200);
  });
});
