import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", () => ({ getViewer: async () => state.viewer }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "Reader's browser/1.0", "x-forwarded-for": "203.0.113.7" }) }));

const actions = await import("@/app/_lib/actions/comments");
const { commentFormToken } = await import("@/app/_lib/spam/comment-form-token");
const { learnFromDecisions, reportLessons } = await import("@/app/_lib/spam/train");
const { decideComment } = await import("@/app/_lib/moderation/decide");
const { undoDecisions } = await import("@/app/_lib/moderation/undo");
const { settingsChanged } = await import("@/app/_lib/settings");

/** A stand-in for Akismet on this machine: it answers as told, and keeps what it was sent. */
type Behaviour = "answer" | "fail" | "hang" | "invalid-key";
const fake = { behaviour: "answer" as Behaviour, received: [] as { path: string; fields: URLSearchParams }[], hanging: [] as (() => void)[] };
let server: Server;
let database: TestDatabase;
let postId: string;
let moderator: Viewer;

const body = (request: IncomingMessage) => new Promise<string>((resolve) => {
  let text = "";
  request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  request.on("end", () => resolve(text));
});

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const fields = new URLSearchParams(await body(request));
    fake.received.push({ path: request.url ?? "", fields });
    if (fake.behaviour === "hang") return void fake.hanging.push(() => response.destroy());
    if (fake.behaviour === "fail") return void response.writeHead(503).end("Service Unavailable");
    if (fake.behaviour === "invalid-key") return void response.writeHead(200).end("invalid");
    if (request.url?.endsWith("/comment-check")) return void response.writeHead(200).end(fields.get("comment_content")?.includes("akismet-spam") ? "true" : "false");
    response.writeHead(200).end("Thanks for making the web a better place.");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.AKISMET_KEY = "test-key";
  process.env.AKISMET_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/1.1/`;
  process.env.AKISMET_TIMEOUT_MS = "400";
  database = await createTestDatabase();
  setAppDatabase(database.db);
  await database.db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } });
});
afterAll(async () => {
  delete process.env.AKISMET_KEY;
  delete process.env.AKISMET_URL;
  delete process.env.AKISMET_TIMEOUT_MS;
  for (const release of fake.hanging) release();
  await new Promise((resolve) => server.close(resolve));
  await database.drop();
});
beforeEach(async () => {
  fake.behaviour = "answer";
  fake.received = [];
  postId = (await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B" } })).id;
  moderator = await makeViewer(database.db, { role: "MODERATOR" });
});

/** The comment form as a browser posts it; `extra` fills other fields (the honeypot), `drawnAgoMs` dates its token. */
function submit(text: string, { extra = {}, drawnAgoMs = 60_000, on = postId }: { extra?: Record<string, string>; drawnAgoMs?: number; on?: string } = {}) {
  const data = new FormData();
  const viewer = state.viewer as Viewer;
  const fields = { postId: on, body: text, acceptTerms: "on", termsVersion: "1", submissionKey: randomUUID(), formToken: commentFormToken(viewer.id, on, new Date(Date.now() - drawnAgoMs)), ...extra };
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return actions.submitComment({ status: "idle" }, data);
}
const storedOnPost = () => database.db.comment.findFirstOrThrow({ where: { postId } });

describe("checking comments with Akismet, when AKISMET_KEY is set", () => {
  it("files a comment Akismet calls spam in Spam, having told it who wrote what, from where", async () => {
    state.viewer = await makeViewer(database.db, { name: "Spammy McSpam" });
    expect(await submit("Cheap akismet-spam pills")).toMatchObject({ status: "success", comment: { status: "PENDING" } });
    expect(await storedOnPost()).toMatchObject({ status: "SPAM", heldReason: "spam: Akismet took it for spam" });
    const [check] = fake.received;
    expect(check!.path).toBe("/1.1/comment-check");
    expect(Object.fromEntries(check!.fields)).toMatchObject({ comment_content: "Cheap akismet-spam pills", comment_author: "Spammy McSpam", user_ip: "203.0.113.7", user_agent: "Reader's browser/1.0", comment_type: "comment" });
  });

  it("leaves a comment Akismet passes to the rules", async () => {
    state.viewer = await makeViewer(database.db, { emailVerified: new Date() });
    await submit("A genuine question about the trial.");
    expect(await storedOnPost()).toMatchObject({ status: "PENDING", heldReason: "held: first comment" });
  });

  it("asks once about a submission sent twice: the retry is answered with the stored comment", async () => {
    state.viewer = await makeViewer(database.db);
    const submissionKey = randomUUID();
    const first = await submit("Sent twice, as a reader on a bad connection does.", { extra: { submissionKey } });
    const again = await submit("Sent twice, as a reader on a bad connection does.", { extra: { submissionKey } });
    expect(first).toMatchObject({ status: "success" });
    expect(again).toMatchObject({ status: "success", commentId: first.commentId });
    expect(fake.received.filter((request) => request.path.endsWith("/comment-check"))).toHaveLength(1);
    expect(await database.db.comment.count({ where: { postId } })).toBe(1);
  });

  it("asks once about a submission sent three times at once (a double click)", async () => {
    state.viewer = await makeViewer(database.db);
    const submissionKey = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => submit("Sent three times at once.", { extra: { submissionKey } })));
    expect(results.map((result) => result.status)).toEqual(["success", "success", "success"]);
    expect(new Set(results.map((result) => result.commentId)).size).toBe(1);
    expect(fake.received.filter((request) => request.path.endsWith("/comment-check"))).toHaveLength(1);
    expect(await database.db.comment.count({ where: { postId } })).toBe(1);
  });

  it("stores the comment as usual when Akismet fails, refuses the key, or hangs, within its time limit", async () => {
    for (const behaviour of ["fail", "invalid-key", "hang"] as const) {
      fake.behaviour = behaviour;
      state.viewer = await makeViewer(database.db);
      const started = Date.now();
      const result = await submit(`Written while Akismet is ${behaviour} akismet-spam`);
      expect(result.status, behaviour).toBe("success");
      expect(Date.now() - started, behaviour).toBeLessThan(3_000);
      const stored = await database.db.comment.findFirstOrThrow({ where: { postId, body: { contains: behaviour } } });
      expect(stored.status, behaviour).toBe("PENDING");
    }
    expect(fake.received.map((request) => request.path)).toEqual(["/1.1/comment-check", "/1.1/comment-check", "/1.1/comment-check"]);
  });

  it("is told of moderators' decisions: spam when marked Spam, not spam when the decision is taken back", async () => {
    const author = await makeViewer(database.db, { name: "Misjudged" });
    const comment = await database.db.comment.create({ data: { postId, authorId: author.id, body: "Looks odd, but is fine.", status: "PENDING" } });
    const decided = await decideComment(moderator, { commentId: comment.id, decision: "SPAM", expectedStatus: "PENDING", expectedRevision: 1 });
    if (!decided.ok) throw new Error(decided.message);
    expect(await reportLessons(await learnFromDecisions([comment.id]))).toBe(1);
    expect(await undoDecisions(moderator, [decided.eventId])).toMatchObject({ ok: true });
    expect(await reportLessons(await learnFromDecisions([comment.id]))).toBe(1);
    expect(fake.received.map((request) => [request.path, request.fields.get("comment_content"), request.fields.get("comment_author")])).toEqual([
      ["/1.1/submit-spam", "Looks odd, but is fine.", "Misjudged"],
      ["/1.1/submit-ham", "Looks odd, but is fine.", "Misjudged"],
    ]);
    // A failing Akismet loses nothing the site keeps: the model learnt, the report is dropped.
    fake.behaviour = "hang";
    const again = await database.db.comment.create({ data: { postId, authorId: author.id, body: "Another one.", status: "SPAM" } });
    const started = Date.now();
    expect(await reportLessons(await learnFromDecisions([again.id]))).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await database.db.comment.findUniqueOrThrow({ where: { id: again.id } })).spamTrainedAs).toBe("spam");
  });
});

// A bot must learn nothing from how it is answered, and a refused comment's author is never
// described to Akismet.
describe("what a submission's answer gives away", () => {
  const reader = async () => (state.viewer = await makeViewer(database.db, { emailVerified: new Date() }));

  it("sends Akismet nothing of a comment that is refused", async () => {
    await reader();
    const closed = await database.db.post.create({ data: { slug: `c-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B", commentsOpen: false } });
    expect(await submit("Hello there, a question about the trial.", { on: closed.id })).toMatchObject({ status: "error", message: "Comments are closed." });
    expect(fake.received).toHaveLength(0);
  });

  it("sends Akismet nothing of a comment that flood control or the duplicate check refuses", async () => {
    const checks = () => fake.received.filter((request) => request.path.endsWith("/comment-check")).length;
    await reader();
    await submit("The first of two, too close together.");
    expect(await submit("The second of two, too close together.")).toMatchObject({ status: "error", message: expect.stringMatching(/posting too quickly/) });
    expect(checks()).toBe(1);

    await database.db.setting.upsert({ where: { key: "commentIntervalSeconds" }, update: { value: "0" }, create: { key: "commentIntervalSeconds", value: "0" } });
    settingsChanged();
    try {
      await reader();
      await submit("The same words, twice.");
      expect(await submit("The same words, twice.")).toMatchObject({ status: "error", errors: { body: [expect.stringMatching(/already said that/)] } });
      expect(checks()).toBe(2);
    } finally {
      await database.db.setting.delete({ where: { key: "commentIntervalSeconds" } });
      settingsChanged();
    }
  });

  it("asks Akismet about a bot's comment as about a person's, with the post's own address", async () => {
    for (const [extra, drawnAgoMs] of [[{}, 60_000], [{ homepage: "http://spam.example" }, 60_000], [{}, 0]] as const) {
      await reader();
      expect((await submit("Hello there, a question about the trial.", { extra, drawnAgoMs })).status).toBe("success");
    }
    const { slug } = await database.db.post.findUniqueOrThrow({ where: { id: postId } });
    expect(fake.received.map(({ fields }) => fields.get("permalink"))).toEqual(Array.from({ length: 3 }, () => expect.stringMatching(new RegExp(`/posts/${slug}$`))));
    const stored = await database.db.comment.findMany({ where: { postId }, orderBy: { createdAt: "asc" }, select: { status: true } });
    expect(stored.map((comment) => comment.status)).toEqual(["PENDING", "SPAM", "SPAM"]);
  });

  it("lets a bot edit the comment it was told is pending, as a person can", async () => {
    const tryEditing = async (extra: Record<string, string>) => {
      await reader();
      const posted = await submit("Hello there, a question about the trial.", { extra });
      const edit = new FormData();
      edit.set("commentId", posted.commentId!);
      edit.set("body", "Hello there, a question about the trial (edited).");
      const edited = await actions.editComment({ status: "idle" }, edit);
      // When it was answered differs; what it said must not.
      return { told: posted.comment?.status, edited: { ...edited, attempt: undefined } };
    };
    const person = await tryEditing({});
    const bot = await tryEditing({ homepage: "http://spam.example" });
    expect(bot.told).toBe("PENDING");
    expect(bot).toEqual(person);
    expect(await database.db.comment.count({ where: { postId, body: { endsWith: "(edited)." } } })).toBe(2);
  });
});
