/**
 * A corpus of hostile and broken input through the real actions: every case must end in a clear
 * refusal or a stored comment that renders safely; none may throw (a 5xx) or store half a thing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderCommentMarkdown } from "@/app/_lib/content/markdown";
import { COMMENT_BODIES, FORGED_VALUES } from "../support/hostile-inputs";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", () => ({ getViewer: async () => state.viewer }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}` }) }));

const comments = await import("@/app/_lib/actions/comments");
const moderation = await import("@/app/_lib/actions/moderation");
const register = await import("@/app/_lib/actions/register");

let database: TestDatabase;
let postId: string;
let approvedId: string;
const tally = { cases: 0, refused: 0, stored: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  await database.db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } });
  // No flood control or duplicate window here: each case must stand on its own.
  for (const [key, value] of [["commentIntervalSeconds", "0"], ["duplicateWindowMinutes", "0"]]) await database.db.setting.create({ data: { key: key!, value: value! } });
  const post = await database.db.post.create({ data: { slug: "hostile", title: "Hostile", authorName: "A", publishedAt: new Date(), body: "B" } });
  postId = post.id;
  approvedId = (await database.db.comment.create({ data: { postId, guestName: "G", body: "Parent", status: "APPROVED" } })).id;
});
afterAll(async () => {
  console.log(`hostile inputs: ${tally.cases} cases, ${tally.refused} refused, ${tally.stored} stored and rendered safely`);
  await database.drop();
});

const form = (values: Record<string, unknown>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) data.set(key, typeof value === "string" ? value : JSON.stringify(value));
  return data;
};

const ALLOWED_TAGS = new Set(["p", "br", "em", "strong", "code", "del", "a", "ul", "ol", "li", "blockquote"]);

/** Every real tag (text "<" is escaped) is an allowed one, with no handler and only safe links. */
function expectSafe(html: string) {
  for (const [, name, attributes] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
    expect(ALLOWED_TAGS.has(name!.toLowerCase()), name).toBe(true);
    expect(attributes).not.toMatch(/\bon\w+\s*=/i);
    for (const [, href] of attributes!.matchAll(/href="([^"]*)"/gi)) expect(href).toMatch(/^(https?:|mailto:)/);
  }
}

async function submitAndCheck(values: Record<string, unknown>) {
  tally.cases += 1;
  state.viewer = await makeViewer(database.db);
  const key = typeof values.submissionKey === "string" ? values.submissionKey : undefined;
  const before = await database.db.comment.count();
  const result = await comments.submitComment({ status: "idle" }, form(values));
  const after = await database.db.comment.count();
  if (result.status === "success") {
    tally.stored += 1;
    expect(after).toBe(before + 1);
    const stored = await database.db.comment.findUniqueOrThrow({ where: { id: result.commentId! } });
    expect(stored.body.length).toBeLessThanOrEqual(5000);
    expect(stored.body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expectSafe(renderCommentMarkdown(stored.body));
  } else {
    tally.refused += 1;
    expect(result.status).toBe("error");
    expect(Boolean(result.message) || Object.keys(result.errors ?? {}).length > 0).toBe(true);
    for (const messages of Object.values(result.errors ?? {})) for (const message of messages ?? []) expect(message).toMatch(/^[A-Z].*[.?!]$/);
    expect(after).toBe(before);
    if (key && /^[0-9a-f-]{36}$/.test(key)) expect(await database.db.comment.count({ where: { submissionKey: key } })).toBe(0);
  }
}

const valid = () => ({ postId, body: "A fine comment.", acceptTerms: "on", termsVersion: "1", submissionKey: randomUUID() });

describe("hostile input through the comment action", () => {
  it.each(COMMENT_BODIES.map((body, index) => ({ index, body })))("comment body #$index", async ({ body }) => {
    await submitAndCheck({ ...valid(), body });
  });

  const fields = ["postId", "parentId", "termsVersion", "submissionKey", "acceptTerms", "notifyReplies"] as const;
  it.each(fields.flatMap((field) => FORGED_VALUES.map((value, index) => ({ field, index, value }))))("forged $field #$index", async ({ field, value }) => {
    await submitAndCheck({ ...valid(), body: `Forged ${field} ${randomUUID()}`, [field]: value });
  });

  it.each(["postId", "body", "acceptTerms", "termsVersion", "submissionKey"])("missing %s", async (field) => {
    const values: Record<string, unknown> = { ...valid(), body: `Missing ${field} ${randomUUID()}` };
    delete values[field];
    await submitAndCheck(values);
  });

  it("a reply to a comment on another post, or to a pending one, is refused", async () => {
    const other = await database.db.post.create({ data: { slug: `o-${randomUUID()}`, title: "O", authorName: "A", publishedAt: new Date(), body: "B" } });
    const elsewhere = await database.db.comment.create({ data: { postId: other.id, guestName: "G", body: "x", status: "APPROVED" } });
    const pending = await database.db.comment.create({ data: { postId, guestName: "G", body: "x", status: "PENDING" } });
    for (const parentId of [elsewhere.id, pending.id]) await submitAndCheck({ ...valid(), parentId });
    await submitAndCheck({ ...valid(), parentId: approvedId, body: `A real reply ${randomUUID()}` });
  });
});

describe("hostile input through the moderation actions (as a moderator)", () => {
  const shapes: unknown[] = [null, undefined, 42, "text", [], {}, { commentId: [] }, { commentId: { $ne: null } }, { items: "all" }, { items: [{}] }];
  const values = [...FORGED_VALUES, ...shapes];
  it.each(values.map((value, index) => ({ index, value })))("decide with forged input #$index", async ({ value }) => {
    tally.cases += 1;
    state.viewer = await makeViewer(database.db, { role: "MODERATOR" });
    const events = await database.db.moderationEvent.count();
    for (const input of [value, { commentId: value, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }, { commentId: approvedId, decision: value, expectedStatus: "APPROVED", expectedRevision: 1 }]) {
      const result = await moderation.decide(input);
      expect(result.ok).toBe(false);
      expect((result as { message: string }).message).toBeTruthy();
    }
    expect(await moderation.decideMany(value)).toMatchObject({ ok: false });
    expect(await moderation.editAsModeratorAction({ commentId: value, body: "x" })).toMatchObject({ ok: false });
    expect(await database.db.moderationEvent.count()).toBe(events);
    tally.refused += 1;
  });
});

describe("hostile input through registration", () => {
  const names = ["", " ", "x".repeat(81), "Admin\u202E", "<script>alert(1)</script>", "Robert'); DROP TABLE \"User\";--", "Zoë Ångström 张伟", "👩🏽‍⚕️ Dr Emoji"];
  const emails = ["", "plain", "a@b", "a@b.c\u0000", "x".repeat(250) + "@example.com", "\"quoted\"@example.com", "UPPER@EXAMPLE.COM", "javascript:alert(1)@example.com"];
  const passwords = ["", "short", "x".repeat(129), "\u0000".repeat(10), "long enough password"];
  const cases = [
    ...names.map((name) => ({ name, email: `n-${randomUUID()}@example.com`, password: "long enough password" })),
    ...emails.map((email) => ({ name: "Person", email, password: "long enough password" })),
    ...passwords.map((password) => ({ name: "Person", email: `p-${randomUUID()}@example.com`, password })),
  ];
  it.each(cases.map((values, index) => ({ index, values })))("registration #$index", async ({ values }) => {
    tally.cases += 1;
    state.viewer = null;
    const before = await database.db.user.count();
    const result = await register.registerAccount({ status: "idle" }, form(values));
    const after = await database.db.user.count();
    if (result.status === "success") {
      tally.stored += 1;
      expect(after).toBe(before + 1);
      const user = await database.db.user.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(user.name).not.toMatch(/[\u202A-\u202E\u0000]/);
    } else {
      tally.refused += 1;
      expect(after).toBe(before);
      expect(Object.keys(result.errors ?? {}).length + (result.message ? 1 : 0)).toBeGreaterThan(0);
    }
  });
});
