/**
 * A bot must learn nothing from how its submission is answered: not from Akismet's wait (bots
 * and people are checked alike), not from editing the comment it was told is pending. And a
 * comment something refuses is never sent to Akismet, with its author's details.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
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

const asked: URLSearchParams[] = [];
let akismet: Server;
let database: TestDatabase;
const bodyOf = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk));
    request.on("end", () => resolve(text));
  });

beforeAll(async () => {
  // A fake Akismet that finds nothing wrong.
  akismet = createServer(async (request, response) => {
    asked.push(new URLSearchParams(await bodyOf(request)));
    response.writeHead(200).end("false");
  });
  await new Promise<void>((resolve) => akismet.listen(0, "127.0.0.1", resolve));
  vi.stubEnv("AKISMET_KEY", "test-key");
  vi.stubEnv("AKISMET_URL", `http://127.0.0.1:${(akismet.address() as AddressInfo).port}/1.1/`);
  database = await createTestDatabase();
  setAppDatabase(database.db);
  await database.db.termsVersion.create({ data: { version: 1, body: "Terms.", effectiveAt: new Date("2020-01-01") } });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => akismet.close(resolve));
  await database.drop();
});
beforeEach(() => {
  asked.length = 0;
});

const newPost = async (commentsOpen = true) => database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B", commentsOpen } });

function form(postId: string, viewer: Viewer, extra: Record<string, string> = {}, drawnAgoMs = 60_000) {
  const data = new FormData();
  const fields = { postId, body: "Hello there, a question about the trial.", acceptTerms: "on", termsVersion: "1", submissionKey: randomUUID(), formToken: commentFormToken(viewer.id, postId, new Date(Date.now() - drawnAgoMs)), ...extra };
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function reader(): Promise<Viewer> {
  const viewer = await makeViewer(database.db, { emailVerified: new Date() });
  state.viewer = viewer;
  return viewer;
}

it("sends Akismet nothing of a comment that is refused", async () => {
  const closed = await newPost(false);
  const refused = await actions.submitComment({ status: "idle" }, form(closed.id, await reader()));
  expect(refused).toMatchObject({ status: "error", message: "Comments are closed." });
  expect(asked).toHaveLength(0);
});

it("asks Akismet about a bot's comment as about a person's, with the post's own address", async () => {
  const post = await newPost();
  for (const [extra, drawnAgoMs] of [[{}, 60_000], [{ homepage: "http://spam.example" }, 60_000], [{}, 0]] as const) {
    const answer = await actions.submitComment({ status: "idle" }, form(post.id, await reader(), extra, drawnAgoMs));
    expect(answer.status).toBe("success");
  }
  expect(asked).toHaveLength(3);
  expect(asked.map((fields) => fields.get("permalink"))).toEqual(Array.from({ length: 3 }, () => expect.stringMatching(new RegExp(`/posts/${post.slug}$`))));
  const stored = await database.db.comment.findMany({ where: { postId: post.id }, orderBy: { createdAt: "asc" }, select: { status: true } });
  expect(stored.map((comment) => comment.status)).toEqual(["PENDING", "SPAM", "SPAM"]);
});

it("lets a bot edit the comment it was told is pending, as a person can", async () => {
  const post = await newPost();
  const tryEditing = async (extra: Record<string, string>) => {
    await reader();
    const posted = await actions.submitComment({ status: "idle" }, form(post.id, state.viewer as Viewer, extra));
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
  expect(await database.db.comment.count({ where: { postId: post.id, body: { endsWith: "(edited)." } } })).toBe(2);
});
