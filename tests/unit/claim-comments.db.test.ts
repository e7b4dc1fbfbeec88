import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { importBundle } from "@/app/_lib/transfer/store";
import { noneSkipped, type ImportedComment } from "@/app/_lib/transfer/bundle";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", () => ({ getViewer: async () => state.viewer, isStaff: () => false }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ redirect: vi.fn() }));

const { claimEarlierComments } = await import("@/app/_lib/actions/account");
const { claimComments, countClaimableComments } = await import("@/app/_lib/account/claim");
const { cachedPage, pageCacheGeneration, storePage } = await import("@/app/_lib/page-cache");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

const form = () => new FormData();

/** A post imported from another site, with comments from `address` (as the export spelled it) and one from someone else. */
async function importedGuestComments(address: string, statuses: ImportedComment["status"][]) {
  const id = randomBytes(4).toString("hex");
  const comment = (n: number, status: ImportedComment["status"], authorEmail: string): ImportedComment => ({
    key: `wordpress:claims-${id}:${n}`,
    parentKey: null,
    authorName: authorEmail === address ? "Gus Guest" : "Somebody Else",
    authorEmail,
    body: `Comment ${n} from ${id}.`,
    status,
    createdAt: new Date(Date.UTC(2015, 0, n + 1)),
  });
  const slug = `claims-${id}`;
  await importBundle(database.db, {
    source: "wordpress",
    skipped: noneSkipped(),
    posts: [
      {
        slug,
        title: `Claims ${id}`,
        authorName: "Editor",
        publishedAt: new Date(Date.UTC(2015, 0, 1)),
        body: "A post.",
        commentsOpen: true,
        comments: [...statuses.map((status, n) => comment(n, status, address)), comment(statuses.length, "APPROVED", `else-${id}@example.org`)],
      },
    ],
  });
  return { slug, email: address.trim().toLowerCase() };
}

describe("claiming comments written as a guest before the account existed", () => {
  it("a reader who verified the address is offered its comments and, on claiming them, they show the account's name", async () => {
    const { slug, email } = await importedGuestComments(`  Gus.${randomBytes(3).toString("hex")}@Example.ORG `, ["APPROVED", "APPROVED", "PENDING"]);
    const viewer = await makeViewer(database.db, { email, name: "Gus Registered" });
    await database.db.user.update({ where: { id: viewer.id }, data: { emailVerified: new Date() } });
    state.viewer = viewer;
    expect(await countClaimableComments(viewer)).toBe(3);
    const key = `http /posts/${slug}`;
    storePage(key, { status: 200, headers: {}, body: Buffer.from("cached"), storedAt: Date.now() }, pageCacheGeneration());
    expect(cachedPage(key)).not.toBeNull();

    expect(await claimEarlierComments({ status: "idle" }, form())).toEqual({ status: "success", message: "3 comments are now yours and show your name." });

    const comments = await database.db.comment.findMany({ where: { post: { slug } }, orderBy: { createdAt: "asc" }, select: { authorId: true, guestName: true, guestEmailHash: true, author: { select: { name: true } } } });
    expect(comments.slice(0, 3)).toEqual(Array(3).fill({ authorId: viewer.id, guestName: null, guestEmailHash: null, author: { name: "Gus Registered" } }));
    expect(comments[3]).toMatchObject({ authorId: null, guestName: "Somebody Else" });
    // Visitors' cached copy of the post showed the guest's name.
    expect(cachedPage(key)).toBeNull();
    expect(await countClaimableComments(viewer)).toBe(0);
    expect(await claimEarlierComments({ status: "idle" }, form())).toEqual({ status: "success", message: "There were no comments left to claim." });
  });

  it("an account that has not verified the address is offered nothing and cannot claim", async () => {
    const { slug, email } = await importedGuestComments(`unverified-${randomBytes(3).toString("hex")}@example.org`, ["APPROVED"]);
    const viewer = await makeViewer(database.db, { email });
    state.viewer = viewer;
    expect(await countClaimableComments(viewer)).toBe(0);
    expect(await claimEarlierComments({ status: "idle" }, form())).toMatchObject({ status: "error", message: expect.stringContaining("verified") });
    expect(await database.db.comment.count({ where: { post: { slug }, authorId: null } })).toBe(2);
  });

  it("a banned account cannot claim, and a signed-out visitor is told to sign in", async () => {
    const { slug, email } = await importedGuestComments(`banned-${randomBytes(3).toString("hex")}@example.org`, ["APPROVED"]);
    const viewer = await makeViewer(database.db, { email, status: "BANNED" });
    await database.db.user.update({ where: { id: viewer.id }, data: { emailVerified: new Date() } });
    expect(await claimComments(viewer)).toEqual({ ok: false });
    state.viewer = null;
    expect(await claimEarlierComments({ status: "idle" }, form())).toMatchObject({ status: "error", message: expect.stringContaining("Sign in") });
    expect(await database.db.comment.count({ where: { post: { slug }, authorId: null } })).toBe(2);
  });

  it("claims made at the same moment move each comment once", async () => {
    const { slug, email } = await importedGuestComments(`twice-${randomBytes(3).toString("hex")}@example.org`, ["APPROVED", "APPROVED", "PENDING", "PENDING"]);
    const viewer = await makeViewer(database.db, { email });
    await database.db.user.update({ where: { id: viewer.id }, data: { emailVerified: new Date() } });
    const results = await Promise.all(Array.from({ length: 6 }, () => claimComments(viewer)));
    expect(results.reduce((sum, result) => sum + (result.ok ? result.claimed : 0), 0)).toBe(4);
    expect(await database.db.comment.count({ where: { post: { slug }, authorId: viewer.id } })).toBe(4);
  });

  it("spam and trash written under the address are not offered: the old site never checked who used it", async () => {
    const { slug, email } = await importedGuestComments(`mixed-${randomBytes(3).toString("hex")}@example.org`, ["APPROVED", "SPAM", "TRASH"]);
    const viewer = await makeViewer(database.db, { email });
    await database.db.user.update({ where: { id: viewer.id }, data: { emailVerified: new Date() } });
    expect(await countClaimableComments(viewer)).toBe(1);
    expect(await claimComments(viewer)).toMatchObject({ ok: true, claimed: 1 });
    const left = await database.db.comment.findMany({ where: { post: { slug }, guestName: "Gus Guest" }, select: { status: true, authorId: true } });
    expect(left.map((row) => row.status).sort()).toEqual(["SPAM", "TRASH"]);
  });
});
