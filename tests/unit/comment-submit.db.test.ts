import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", () => ({ getViewer: async () => state.viewer }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));

const { submitComment } = await import("@/app/_lib/comments/submit");
const { revalidatePath, updateTag } = await import("next/cache");
const { cachedPage, pageCacheGeneration, storePage } = await import("@/app/_lib/page-cache");
const actions = await import("@/app/_lib/actions/comments");
const { settingsChanged } = await import("@/app/_lib/settings");
const { termsChanged } = await import("@/app/_lib/terms/current");
const { commentFormToken } = await import("@/app/_lib/spam/comment-form-token");

let database: TestDatabase;
let postId: string;
let termsVersion: number;

beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  termsVersion = (await database.db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } })).version;
});
afterAll(() => database.drop());
beforeEach(async () => {
  postId = (await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B" } })).id;
});

const input = (overrides: Record<string, unknown> = {}) => ({
  postId,
  body: "A comment.",
  acceptTerms: true as const,
  termsVersion,
  submissionKey: randomUUID(),
  notifyReplies: false,
  ...overrides,
});
const countOnPost = () => database.db.comment.count({ where: { postId } });

function formData(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

describe("the comment action, called directly as any HTTP client could", () => {
  // A form the page drew for the reader signed in now, a minute before it is posted.
  const drawnForViewer = (ageMs = 60_000) => commentFormToken((state.viewer as Viewer | null)?.id ?? "nobody", postId, new Date(Date.now() - ageMs));
  const valid = () => ({ postId, body: "Through the action.", acceptTerms: "on", termsVersion: String(termsVersion), submissionKey: randomUUID(), formToken: drawnForViewer() });
  const storedOnPost = () => database.db.comment.findFirstOrThrow({ where: { postId } });
  const acknowledgedAsHeld = { status: "success", published: false, comment: { status: "PENDING" } };

  it("refuses a signed-out caller and stores nothing", async () => {
    state.viewer = null;
    const result = await actions.submitComment({ status: "idle" }, formData(valid()));
    expect(result).toMatchObject({ status: "error", message: "You must be logged in to post a comment." });
    expect(await countOnPost()).toBe(0);
  });

  it("refuses a banned reader and stores nothing", async () => {
    state.viewer = await makeViewer(database.db, { status: "BANNED", statusReason: "Spam" });
    const result = await actions.submitComment({ status: "idle" }, formData(valid()));
    expect(result).toMatchObject({ status: "error", message: "Your account has been banned from commenting. Reason: Spam" });
    expect(await countOnPost()).toBe(0);
  });

  it("returns every field's error for bad input and stores nothing", async () => {
    state.viewer = await makeViewer(database.db);
    const result = await actions.submitComment({ status: "idle" }, formData({ postId, body: "  ", termsVersion: "1", submissionKey: "nope" }));
    expect(result.status).toBe("error");
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(["acceptTerms", "body", "submissionKey"]);
    expect(await countOnPost()).toBe(0);
  });

  it("stores a valid comment as pending for an active reader", async () => {
    state.viewer = await makeViewer(database.db);
    const result = await actions.submitComment({ status: "idle" }, formData(valid()));
    expect(result.status).toBe("success");
    const stored = await database.db.comment.findMany({ where: { postId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: "PENDING", body: "Through the action.", termsVersion });
  });

  it("answers with the stored comment for the form to draw, and leaves every reader's cache alone while it waits", async () => {
    const viewer = await makeViewer(database.db, { name: "Drawn In Place" });
    state.viewer = viewer;
    const slug = (await database.db.post.findUniqueOrThrow({ where: { id: postId } })).slug;
    const key = `http /posts/${slug}`;
    storePage(key, { status: 200, headers: {}, body: Buffer.from("cached page"), storedAt: Date.now() }, pageCacheGeneration());
    vi.mocked(updateTag).mockClear();
    vi.mocked(revalidatePath).mockClear();
    const result = await actions.submitComment({ status: "idle" }, formData({ ...valid(), body: "Held *for* review." }));
    const stored = await database.db.comment.findFirstOrThrow({ where: { postId } });
    expect(result.comment).toEqual({
      id: stored.id,
      parentId: null,
      authorName: "Drawn In Place",
      body: "Held *for* review.",
      bodyHtml: "<p>Held <em>for</em> review.</p>\n",
      status: "PENDING",
      createdAt: stored.createdAt.toISOString(),
    });
    // Nothing anyone else sees changed: the visitors' page stays cached, and Next is not asked to
    // draw the post again.
    expect(cachedPage(key)).not.toBeNull();
    expect(updateTag).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("drops the post's cached pages when the rules publish the comment at once", async () => {
    state.viewer = await makeViewer(database.db, { trusted: true });
    const slug = (await database.db.post.findUniqueOrThrow({ where: { id: postId } })).slug;
    const key = `http /posts/${slug}`;
    storePage(key, { status: 200, headers: {}, body: Buffer.from("cached page"), storedAt: Date.now() }, pageCacheGeneration());
    const result = await actions.submitComment({ status: "idle" }, formData(valid()));
    expect(result).toMatchObject({ status: "success", published: true, comment: { status: "APPROVED" } });
    expect(cachedPage(key)).toBeNull();
  });

  it("does not tell the author that a filter took their comment for spam", async () => {
    state.viewer = await makeViewer(database.db);
    await database.db.setting.upsert({ where: { key: "blocklist" }, update: { value: '["casino"]' }, create: { key: "blocklist", value: '["casino"]' } });
    settingsChanged();
    try {
      const result = await actions.submitComment({ status: "idle" }, formData({ ...valid(), body: "Visit my casino." }));
      expect(result).toMatchObject({ status: "success", comment: { status: "PENDING" } });
      expect(JSON.stringify(result)).not.toMatch(/SPAM|spam/);
      expect((await database.db.comment.findFirstOrThrow({ where: { postId } })).status).toBe("SPAM");
    } finally {
      await database.db.setting.delete({ where: { key: "blocklist" } });
      settingsChanged();
    }
  });

  describe("bots", () => {
    it("files a comment whose hidden field was filled in as spam, answering as for a held comment", async () => {
      state.viewer = await makeViewer(database.db, { trusted: true });
      const result = await actions.submitComment({ status: "idle" }, formData({ ...valid(), homepage: "https://cheap-pills.example" }));
      expect(result).toMatchObject(acknowledgedAsHeld);
      expect(JSON.stringify(result)).not.toMatch(/spam|hidden/i);
      expect(await storedOnPost()).toMatchObject({ status: "SPAM", heldReason: "spam: filled in the hidden field people never see" });
    });

    it("files a form posted sooner than the minimum after it was drawn as spam, with how soon", async () => {
      state.viewer = await makeViewer(database.db);
      const result = await actions.submitComment({ status: "idle" }, formData({ ...valid(), formToken: drawnForViewer(500) }));
      expect(result).toMatchObject(acknowledgedAsHeld);
      expect((await storedOnPost()).heldReason).toMatch(/^spam: posted 0\.\d s after the form was shown \(the least is 3 s\)$/);
    });

    it("files posts with no form, a forged form and another reader's or post's form as spam", async () => {
      const reader = await makeViewer(database.db);
      const other = await makeViewer(database.db);
      const otherPost = await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "Q", authorName: "A", publishedAt: new Date(), body: "B" } });
      state.viewer = reader;
      const [body, mac] = drawnForViewer(0).split(".");
      // The claims are rewritten to an earlier time; the signature cannot follow.
      const backdated = `${Buffer.from(JSON.stringify([reader.id, postId, Date.now() - 3_600_000])).toString("base64url")}.${mac}`;
      const cases: [Record<string, string | undefined>, RegExp][] = [
        [{ formToken: undefined }, /no form timestamp/],
        [{ formToken: backdated }, /forged/],
        [{ formToken: `${body}.${mac}x` }, /forged|tampered/],
        [{ formToken: commentFormToken(other.id, postId, new Date(Date.now() - 60_000)) }, /another reader/],
        [{ formToken: commentFormToken(reader.id, otherPost.id, new Date(Date.now() - 60_000)) }, /another post/],
      ];
      for (const [overrides, reason] of cases) {
        const fields = Object.fromEntries(Object.entries({ ...valid(), ...overrides }).filter((entry): entry is [string, string] => entry[1] !== undefined));
        const result = await actions.submitComment({ status: "idle" }, formData({ ...fields, body: `Case ${reason.source}` }));
        expect(result, reason.source).toMatchObject(acknowledgedAsHeld);
        const stored = await database.db.comment.findFirstOrThrow({ where: { postId, body: `Case ${reason.source}` } });
        expect(stored.status, reason.source).toBe("SPAM");
        expect(stored.heldReason, reason.source).toMatch(reason);
        await database.db.comment.updateMany({ where: { authorId: reader.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
      }
    });

    it("asks a person whose form is more than a day old to post again, keeping their words, and takes the repost at once", async () => {
      state.viewer = await makeViewer(database.db, { emailVerified: new Date() });
      const stale = await actions.submitComment({ status: "idle" }, formData({ ...valid(), body: "Written over the weekend.", formToken: drawnForViewer(25 * 3_600_000) }));
      expect(stale).toMatchObject({ status: "error", message: "This page was opened more than a day ago. Check your comment, then post it again.", values: { body: "Written over the weekend." } });
      expect(await countOnPost()).toBe(0);
      const again = await actions.submitComment({ status: "idle" }, formData({ ...valid(), body: "Written over the weekend.", formToken: stale.values!.formToken! }));
      expect(again.status).toBe("success");
      expect(await storedOnPost()).toMatchObject({ status: "PENDING", heldReason: "held: first comment" });
    });

    it("takes the minimum from the settings: 0 lets a form through at once", async () => {
      state.viewer = await makeViewer(database.db);
      await database.db.setting.create({ data: { key: "minSecondsToComment", value: "0" } });
      settingsChanged();
      try {
        await actions.submitComment({ status: "idle" }, formData({ ...valid(), formToken: drawnForViewer(0) }));
        expect((await storedOnPost()).status).toBe("PENDING");
      } finally {
        await database.db.setting.delete({ where: { key: "minSecondsToComment" } });
        settingsChanged();
      }
    });
  });

});

describe("submitting a comment", () => {
  let reader: Viewer;
  beforeEach(async () => {
    reader = await makeViewer(database.db);
  });

  it("refuses a suspension still running and allows one that has ended", async () => {
    const suspended = await makeViewer(database.db, { status: "SUSPENDED", suspendedUntil: new Date(Date.now() + 86_400_000) });
    expect(await submitComment(suspended, input())).toMatchObject({ ok: false, field: "form", message: expect.stringMatching(/suspended/) });
    const ended = await makeViewer(database.db, { status: "SUSPENDED", suspendedUntil: new Date(Date.now() - 1000) });
    expect(await submitComment(ended, input())).toMatchObject({ ok: true, comment: { status: "PENDING" } });
  });

  it("refuses unknown and closed posts", async () => {
    expect(await submitComment(reader, input({ postId: "nonexistent" }))).toMatchObject({ ok: false, message: "This post no longer exists." });
    await database.db.post.update({ where: { id: postId }, data: { commentsOpen: false } });
    expect(await submitComment(reader, input())).toMatchObject({ ok: false, message: "Comments are closed." });
    expect(await countOnPost()).toBe(0);
  });

  it("stores one comment for one submission key, however often it is sent", async () => {
    const key = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => submitComment(reader, input({ submissionKey: key }))));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(new Set(results.map((result) => result.ok && result.comment.id)).size).toBe(1);
    expect(await countOnPost()).toBe(1);
  });

  it("refuses another reader's submission key", async () => {
    const key = randomUUID();
    await submitComment(reader, input({ submissionKey: key }));
    const other = await makeViewer(database.db);
    expect(await submitComment(other, input({ submissionKey: key, body: "Mine." }))).toMatchObject({ ok: false, field: "form" });
    expect(await countOnPost()).toBe(1);
  });

  it("applies flood control with the time left, then lets the reader post again", async () => {
    const now = new Date();
    expect(await submitComment(reader, input({ body: "One." }), now)).toMatchObject({ ok: true });
    expect(await submitComment(reader, input({ body: "Two." }), new Date(now.getTime() + 5_000))).toMatchObject({
      ok: false,
      message: "You are posting too quickly. You can post again in 10 seconds.",
    });
    expect(await submitComment(reader, input({ body: "Two." }), new Date(now.getTime() + 15_000))).toMatchObject({ ok: true });
  });

  it("twenty submissions of one reader with different keys at the same moment store exactly one (flood control holds under concurrency)", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => submitComment(reader, input({ body: `Burst ${index}.` }))));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.message.startsWith("You are posting too quickly."))).toHaveLength(19);
    expect(await countOnPost()).toBe(1);
    // The first comment of a reader records the terms once, however many arrive together.
    expect(await database.db.termsAcceptance.count({ where: { userId: reader.id } })).toBe(1);
  });

  it("a retry of a stored submission is answered with it even after the post closed or new terms came", async () => {
    const key = randomUUID();
    const first = await submitComment(reader, input({ submissionKey: key }));
    expect(first).toMatchObject({ ok: true, replayed: false });
    await database.db.post.update({ where: { id: postId }, data: { commentsOpen: false } });
    expect(await submitComment(reader, input({ submissionKey: key, termsVersion: termsVersion + 1 }))).toMatchObject({ ok: true, replayed: true, comment: { id: first.ok ? first.comment.id : "" } });
    expect(await countOnPost()).toBe(1);
  });

  it("a retry of a stored reply is answered with it after the comment it answers was rejected", async () => {
    const parent = await database.db.comment.create({ data: { postId, guestName: "G", body: "Published first.", status: "APPROVED" } });
    const key = randomUUID();
    const first = await submitComment(reader, input({ submissionKey: key, parentId: parent.id }));
    expect(first).toMatchObject({ ok: true, replayed: false });
    await database.db.comment.update({ where: { id: parent.id }, data: { status: "REJECTED" } });
    expect(await submitComment(reader, input({ submissionKey: key, parentId: parent.id }))).toMatchObject({ ok: true, replayed: true, comment: { id: first.ok ? first.comment.id : "" } });
    // A new submission is refused as before.
    expect(await submitComment(reader, input({ parentId: parent.id }))).toMatchObject({ ok: false, message: expect.stringMatching(/published comment on this post/) });
  });

  it("records the acceptance of each terms version a comment is stored under, replays or not", async () => {
    const key = randomUUID();
    expect(await submitComment(reader, input({ submissionKey: key }))).toMatchObject({ ok: true });
    const next = termsVersion + 100 + Math.floor(Math.random() * 1000);
    await database.db.termsVersion.create({ data: { version: next, body: "Newer terms.", effectiveAt: new Date("2021-01-01") } });
    termsChanged();
    try {
      // The retry carries the new version; it stores nothing, so it records nothing.
      expect(await submitComment(reader, input({ submissionKey: key, termsVersion: next }))).toMatchObject({ ok: true, replayed: true });
      const later = await submitComment(reader, input({ termsVersion: next, body: "Under the newer terms." }), new Date(Date.now() + 60_000));
      expect(later).toMatchObject({ ok: true, replayed: false });
      const stored = await database.db.comment.findUniqueOrThrow({ where: { id: later.ok ? later.comment.id : "" } });
      expect(stored.termsVersion).toBe(next);
      expect(await database.db.termsAcceptance.count({ where: { userId: reader.id, version: next } })).toBe(1);
    } finally {
      await database.db.comment.deleteMany({ where: { termsVersion: next } });
      await database.db.termsAcceptance.deleteMany({ where: { version: next } });
      await database.db.termsVersion.delete({ where: { version: next } });
      termsChanged();
    }
  });

  it("the same words sent twice at the same moment with different keys are stored once", async () => {
    await database.db.setting.upsert({ where: { key: "commentIntervalSeconds" }, update: { value: "0" }, create: { key: "commentIntervalSeconds", value: "0" } });
    settingsChanged();
    try {
      const results = await Promise.all([1, 2, 3, 4].map(() => submitComment(reader, input({ body: "Said once, sent four times." }))));
      const outcomes = results.map((result) => (result.ok ? "stored" : result.message)).sort();
      expect(outcomes).toEqual(["It looks as though you've already said that.", "It looks as though you've already said that.", "It looks as though you've already said that.", "stored"]);
      expect(await countOnPost()).toBe(1);
    } finally {
      await database.db.setting.delete({ where: { key: "commentIntervalSeconds" } });
      settingsChanged();
    }
  });

  it("with flood control and the duplicate window set to 0, a submission that began earlier but commits later is still stored", async () => {
    const settings = [["commentIntervalSeconds", "0"], ["duplicateWindowMinutes", "0"]] as const;
    for (const [key, value] of settings) await database.db.setting.upsert({ where: { key }, update: { value }, create: { key, value } });
    settingsChanged();
    try {
      const began = new Date();
      // The one that began a moment later is stored first, as under load on PostgreSQL.
      expect(await submitComment(reader, input({ body: "Same words, twice." }), new Date(began.getTime() + 500))).toMatchObject({ ok: true });
      expect(await submitComment(reader, input({ body: "Same words, twice." }), began)).toMatchObject({ ok: true });
      expect(await countOnPost()).toBe(2);
    } finally {
      await database.db.setting.deleteMany({ where: { key: { in: settings.map(([key]) => key) } } });
      settingsChanged();
    }
  });

  it("refuses an identical comment on the same post within the window, not after it", async () => {
    const now = new Date();
    expect(await submitComment(reader, input({ body: "Same words." }), now)).toMatchObject({ ok: true });
    expect(await submitComment(reader, input({ body: "Same words." }), new Date(now.getTime() + 60_000))).toMatchObject({
      ok: false,
      field: "body",
      message: "It looks as though you've already said that.",
    });
    expect(await submitComment(reader, input({ body: "Same words." }), new Date(now.getTime() + 11 * 60_000))).toMatchObject({ ok: true });
  });

  it("refuses an old terms version and records the accepted one", async () => {
    expect(await submitComment(reader, input({ termsVersion: termsVersion + 1 }))).toMatchObject({ ok: false, field: "acceptTerms" });
    const result = await submitComment(reader, input());
    expect(result.ok).toBe(true);
    expect(await database.db.termsAcceptance.count({ where: { userId: reader.id, version: termsVersion } })).toBe(1);
  });

  it("accepts replies only to published comments on the same post, up to the depth limit", async () => {
    const pending = await database.db.comment.create({ data: { postId, guestName: "G", body: "p", status: "PENDING" } });
    expect(await submitComment(reader, input({ parentId: pending.id }))).toMatchObject({ ok: false, message: expect.stringMatching(/published comment on this post/) });

    const otherPost = await database.db.post.create({ data: { slug: `o-${randomUUID()}`, title: "O", authorName: "A", publishedAt: new Date(), body: "B" } });
    const elsewhere = await database.db.comment.create({ data: { postId: otherPost.id, guestName: "G", body: "e", status: "APPROVED" } });
    expect(await submitComment(reader, input({ parentId: elsewhere.id }))).toMatchObject({ ok: false });

    const level1 = await database.db.comment.create({ data: { postId, guestName: "G", body: "1", status: "APPROVED" } });
    const level2 = await database.db.comment.create({ data: { postId, guestName: "G", body: "2", status: "APPROVED", parentId: level1.id } });
    const level3 = await database.db.comment.create({ data: { postId, guestName: "G", body: "3", status: "APPROVED", parentId: level2.id } });
    expect(await submitComment(reader, input({ parentId: level3.id }))).toMatchObject({ ok: false, message: expect.stringMatching(/as deep as replies can go/) });
    const reply = await submitComment(reader, input({ parentId: level2.id }));
    expect(reply).toMatchObject({ ok: true });
    expect(await database.db.comment.count({ where: { postId, authorId: reader.id } })).toBe(1);
  });
});

describe("readers who have not verified their email address", () => {
  const setUnverifiedMayComment = async (allowed: boolean) => {
    await database.db.setting.upsert({ where: { key: "unverifiedMayComment" }, update: { value: String(allowed) }, create: { key: "unverifiedMayComment", value: String(allowed) } });
    settingsChanged();
  };

  it("may comment by default, and their comments are held with the reason 'email not verified'", async () => {
    const unverified = await makeViewer(database.db);
    expect(await submitComment(unverified, input())).toMatchObject({ ok: true, comment: { status: "PENDING" } });
    expect(await database.db.comment.findFirstOrThrow({ where: { postId, authorId: unverified.id } })).toMatchObject({ status: "PENDING", heldReason: "held: email not verified" });

    const verified = await makeViewer(database.db, { emailVerified: new Date() });
    await submitComment(verified, input());
    expect(await database.db.comment.findFirstOrThrow({ where: { postId, authorId: verified.id } })).toMatchObject({ status: "PENDING", heldReason: "held: first comment" });
  });

  it("are refused, with nothing stored, when the setting says they must verify first; verified readers are not", async () => {
    await setUnverifiedMayComment(false);
    try {
      const unverified = await makeViewer(database.db);
      expect(await submitComment(unverified, input())).toMatchObject({ ok: false, field: "form", message: expect.stringMatching(/^Confirm your email address before commenting/) });
      expect(await database.db.comment.count({ where: { authorId: unverified.id } })).toBe(0);
      const verified = await makeViewer(database.db, { emailVerified: new Date() });
      expect(await submitComment(verified, input())).toMatchObject({ ok: true });
    } finally {
      await setUnverifiedMayComment(true);
    }
  });
});
