import { randomUUID } from "node:crypto";
import type nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const { decideComment, decideComments } = await import("@/app/_lib/moderation/decide");
const { undoDecisions } = await import("@/app/_lib/moderation/undo");
const { editAsModerator } = await import("@/app/_lib/moderation/edit");
const { deliverQueued } = await import("@/app/_lib/mail/deliver");
const { UNDO_WINDOW_MS } = await import("@/app/_lib/schemas/limits");

let database: TestDatabase;
let postId: string;
let author: Viewer;
let moderator: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());
beforeEach(async () => {
  postId = (await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B" } })).id;
  author = await makeViewer(database.db);
  moderator = await makeViewer(database.db, { role: "MODERATOR" });
});

const pending = (body = "text") => database.db.comment.create({ data: { postId, authorId: author.id, body, status: "PENDING" } });
const stored = (id: string) => database.db.comment.findUniqueOrThrow({ where: { id } });
const approve = async (commentId: string, by = moderator, now = new Date()) => {
  const result = await decideComment(by, { commentId, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 }, now);
  if (!result.ok) throw new Error(result.message);
  return result.eventId;
};
const authorMail = () => database.db.outboxMessage.findMany({ where: { userId: author.id } });
const recordingSender = () => {
  const sent: string[] = [];
  return { sent, sender: { transport: { sendMail: async (mail: nodemailer.SendMailOptions) => sent.push(String(mail.subject)) } as unknown as nodemailer.Transporter, from: "no-reply@example.org" } };
};

describe("undoing a decision", () => {
  it("within the window puts the comment back as it was, withdraws its email, and logs the undo", async () => {
    const comment = await pending();
    const decidedAt = new Date();
    const eventId = await approve(comment.id, moderator, decidedAt);
    const [mail] = await authorMail();
    expect(mail).toMatchObject({ kind: "approved", status: "QUEUED", causeEventId: eventId, notBefore: new Date(decidedAt.getTime() + UNDO_WINDOW_MS) });

    expect(await undoDecisions(moderator, [eventId], new Date(decidedAt.getTime() + UNDO_WINDOW_MS - 1))).toMatchObject({ ok: true, undone: 1 });
    expect(await stored(comment.id)).toMatchObject({ status: "PENDING", decidedAt: null, decidedById: null });
    expect(await authorMail()).toEqual([]);
    const undoEvent = await database.db.moderationEvent.findFirstOrThrow({ where: { commentId: comment.id, action: "UNDO" } });
    expect(undoEvent.moderatorId).toBe(moderator.id);
    expect(JSON.parse(undoEvent.detail!)).toEqual({ undoes: eventId, action: "APPROVE", from: "APPROVED", to: "PENDING" });
    // The comment can be decided afresh.
    expect(await approve(comment.id)).toBeTruthy();
  });

  it("a decision's email is not delivered before the window closes, and is once it has", async () => {
    // Other tests' messages are out of the way: only this decision's email is waiting.
    await database.db.outboxMessage.updateMany({ data: { status: "SENT" } });
    const comment = await pending();
    const decidedAt = new Date();
    await approve(comment.id, moderator, decidedAt);
    const { sent, sender } = recordingSender();
    expect(await deliverQueued(database.db, sender, new Date(decidedAt.getTime() + UNDO_WINDOW_MS - 1))).toMatchObject({ sent: 0 });
    expect(await deliverQueued(database.db, sender, new Date(decidedAt.getTime() + UNDO_WINDOW_MS))).toMatchObject({ sent: 1 });
    expect(sent).toEqual(['Your comment on "P" is published']);
  });

  it("after the window is refused: the decision and its email stand", async () => {
    const comment = await pending();
    const decidedAt = new Date();
    const eventId = await approve(comment.id, moderator, decidedAt);
    expect(await undoDecisions(moderator, [eventId], new Date(decidedAt.getTime() + UNDO_WINDOW_MS))).toEqual({
      ok: false,
      code: "conflict",
      message: "Too late to undo: decide on the comment again from its tab.",
    });
    expect((await stored(comment.id)).status).toBe("APPROVED");
    expect(await authorMail()).toHaveLength(1);
  });

  it("is refused when the email has already been claimed by a delivery run", async () => {
    const comment = await pending();
    const eventId = await approve(comment.id);
    await database.db.outboxMessage.updateMany({ where: { causeEventId: eventId }, data: { status: "SENDING", claimedAt: new Date() } });
    expect(await undoDecisions(moderator, [eventId])).toMatchObject({ ok: false, message: "Too late to undo: its email has already gone." });
    expect((await stored(comment.id)).status).toBe("APPROVED");
    expect(await database.db.moderationEvent.count({ where: { commentId: comment.id, action: "UNDO" } })).toBe(0);
  });

  it("only by the moderator who decided; readers, other moderators and the signed-out are refused", async () => {
    const comment = await pending();
    const eventId = await approve(comment.id);
    const other = await makeViewer(database.db, { role: "MODERATOR" });
    const admin = await makeViewer(database.db, { role: "ADMIN" });
    expect(await undoDecisions(null, [eventId])).toMatchObject({ ok: false, code: "forbidden" });
    expect(await undoDecisions(author, [eventId])).toMatchObject({ ok: false, code: "forbidden" });
    expect(await undoDecisions(other, [eventId])).toMatchObject({ ok: false, message: "There is no decision of yours to undo." });
    expect(await undoDecisions(admin, [eventId])).toMatchObject({ ok: false, message: "There is no decision of yours to undo." });
    // Events that are not decisions are never undone.
    await editAsModerator(moderator, { commentId: comment.id, body: "Edited by the moderator." });
    const edit = await database.db.moderationEvent.findFirstOrThrow({ where: { commentId: comment.id, action: "EDIT" } });
    expect(await undoDecisions(moderator, [edit.id])).toMatchObject({ ok: false, message: "There is no decision of yours to undo." });
    expect((await stored(comment.id)).status).toBe("APPROVED");
  });

  it("is refused once the comment changed after the decision: another decision or an edit", async () => {
    const first = await pending();
    const firstEvent = await approve(first.id);
    const other = await makeViewer(database.db, { role: "MODERATOR" });
    expect(await decideComment(other, { commentId: first.id, decision: "TRASH", expectedStatus: "APPROVED", expectedRevision: 1 })).toMatchObject({ ok: true });
    expect(await undoDecisions(moderator, [firstEvent])).toMatchObject({ ok: false, message: "Not undone: the comment was changed or answered after your decision." });
    expect((await stored(first.id)).status).toBe("TRASH");

    const second = await pending();
    const secondEvent = await approve(second.id);
    await editAsModerator(other, { commentId: second.id, body: "Changed after the approval." });
    expect(await undoDecisions(moderator, [secondEvent])).toMatchObject({ ok: false, message: "Not undone: the comment was changed or answered after your decision." });
    expect((await stored(second.id)).status).toBe("APPROVED");
  });

  it("is refused once someone replied to the comment, and the undone decision leaves the overview's figures", async () => {
    const comment = await pending();
    const eventId = await approve(comment.id);
    await database.db.comment.create({ data: { postId, authorId: moderator.id, parentId: comment.id, body: "An answer.", status: "APPROVED" } });
    expect(await undoDecisions(moderator, [eventId])).toMatchObject({ ok: false, message: "Not undone: the comment was changed or answered after your decision." });
    expect((await stored(comment.id)).status).toBe("APPROVED");

    const { loadDashboard } = await import("@/app/_lib/moderation/dashboard");
    const before = (await loadDashboard(moderator))!;
    const other = await pending();
    const otherEvent = await approve(other.id);
    expect(await undoDecisions(moderator, [otherEvent])).toMatchObject({ ok: true });
    const after = (await loadDashboard(moderator))!;
    expect(after.decisionsLastWeek).toBe(before.decisionsLastWeek);
    expect(after.days.at(-1)!.approved).toBe(before.days.at(-1)!.approved);
  });

  it("puts back the earlier decision of a comment that was not pending, and reopens the reports it settled", async () => {
    const comment = await database.db.comment.create({ data: { postId, authorId: author.id, body: "Reported.", status: "APPROVED" } });
    const first = await makeViewer(database.db, { role: "MODERATOR" });
    const firstDecidedAt = new Date(Date.now() - 60_000);
    await database.db.comment.update({ where: { id: comment.id }, data: { decidedAt: firstDecidedAt, decidedById: first.id } });
    const reporter = await makeViewer(database.db);
    await database.db.report.create({ data: { commentId: comment.id, reporterId: reporter.id, reason: "ABUSE" } });

    const result = await decideComment(moderator, { commentId: comment.id, decision: "REJECT", expectedStatus: "APPROVED", expectedRevision: 1, reason: "Abusive" });
    if (!result.ok) throw new Error(result.message);
    expect(await database.db.report.count({ where: { commentId: comment.id, resolvedAt: null } })).toBe(0);
    expect(await authorMail()).toHaveLength(1);

    expect(await undoDecisions(moderator, [result.eventId])).toMatchObject({ ok: true });
    expect(await stored(comment.id)).toMatchObject({ status: "APPROVED", decidedAt: firstDecidedAt, decidedById: first.id, rejectionReason: null });
    expect(await database.db.report.findFirstOrThrow({ where: { commentId: comment.id } })).toMatchObject({ resolvedAt: null, resolvedById: null, resolution: null });
    expect(await authorMail()).toEqual([]);
  });

  it("a bulk decision is undone whole, or not at all when any of its comments changed", async () => {
    const comments = await Promise.all([pending("one"), pending("two"), pending("three")]);
    const items = comments.map((comment) => ({ commentId: comment.id, expectedStatus: "PENDING" as const, expectedRevision: 1 }));
    const bulk = await decideComments(moderator, items, "SPAM");
    if (!bulk.ok) throw new Error(bulk.message);
    expect(bulk.eventIds).toHaveLength(3);
    await editAsModerator(moderator, { commentId: comments[2]!.id, body: "Changed meanwhile." });
    expect(await undoDecisions(moderator, bulk.eventIds)).toMatchObject({ ok: false });
    expect((await Promise.all(comments.map((comment) => stored(comment.id)))).map((comment) => comment.status)).toEqual(["SPAM", "SPAM", "SPAM"]);

    const fresh = await Promise.all([pending("four"), pending("five")]);
    const second = await decideComments(moderator, fresh.map((comment) => ({ commentId: comment.id, expectedStatus: "PENDING" as const, expectedRevision: 1 })), "APPROVE");
    if (!second.ok) throw new Error(second.message);
    expect(await undoDecisions(moderator, second.eventIds)).toMatchObject({ ok: true, undone: 2 });
    expect((await Promise.all(fresh.map((comment) => stored(comment.id)))).map((comment) => comment.status)).toEqual(["PENDING", "PENDING"]);
    expect(await database.db.outboxMessage.count({ where: { causeEventId: { in: second.eventIds } } })).toBe(0);
  });

  it("twenty undos of one decision at the same moment apply exactly once, and the tallies stay exact", async () => {
    const comment = await pending();
    const eventId = await approve(comment.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => undoDecisions(moderator, [eventId]).catch((error: Error) => ({ ok: false as const, message: error.message }))));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await database.db.moderationEvent.count({ where: { commentId: comment.id, action: "UNDO" } })).toBe(1);
    expect((await stored(comment.id)).status).toBe("PENDING");
    const { commentTallies } = await import("@/app/_lib/moderation/tallies");
    const tallies = await commentTallies();
    expect(tallies.PENDING).toBe(await database.db.comment.count({ where: { status: "PENDING" } }));
    expect(tallies.APPROVED).toBe(await database.db.comment.count({ where: { status: "APPROVED" } }));
  });

  it("an undo and another moderator's decision at the same moment: exactly one of them applies", async () => {
    const other = await makeViewer(database.db, { role: "MODERATOR" });
    for (let round = 0; round < 10; round++) {
      const comment = await pending(`round ${round}`);
      const eventId = await approve(comment.id);
      const [undone, trashed] = await Promise.all([
        undoDecisions(moderator, [eventId]),
        decideComment(other, { commentId: comment.id, decision: "TRASH", expectedStatus: "APPROVED", expectedRevision: 1 }),
      ]);
      expect([undone.ok, trashed.ok].filter(Boolean)).toHaveLength(1);
      expect((await stored(comment.id)).status).toBe(undone.ok ? "PENDING" : "TRASH");
    }
  });
});

describe("undoing a dismissal of reports", () => {
  it("reopens the reports it closed, once, and only while nothing was decided on the comment since", async () => {
    const { dismissReports } = await import("@/app/_lib/moderation/reports");
    const comment = await database.db.comment.create({ data: { postId, authorId: author.id, body: "Reported, then kept.", status: "APPROVED" } });
    const reporters = await Promise.all([makeViewer(database.db), makeViewer(database.db)]);
    for (const reporter of reporters) await database.db.report.create({ data: { commentId: comment.id, reporterId: reporter.id, reason: "SPAM" } });
    const dismissed = await dismissReports(moderator, comment.id);
    if (!dismissed.ok) throw new Error(dismissed.message);
    expect(await database.db.report.count({ where: { commentId: comment.id, resolvedAt: null } })).toBe(0);

    const [first, second] = await Promise.all([undoDecisions(moderator, [dismissed.eventId]), undoDecisions(moderator, [dismissed.eventId])]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect(await database.db.report.count({ where: { commentId: comment.id, resolvedAt: null } })).toBe(2);
    expect(JSON.parse((await database.db.moderationEvent.findFirstOrThrow({ where: { commentId: comment.id, action: "UNDO" } })).detail!)).toMatchObject({ action: "DISMISS_REPORTS", reports: 2 });

    // Dismissed again, then trashed by another moderator: that dismissal stays.
    const again = await dismissReports(moderator, comment.id);
    if (!again.ok) throw new Error(again.message);
    const other = await makeViewer(database.db, { role: "MODERATOR" });
    expect(await decideComment(other, { commentId: comment.id, decision: "TRASH", expectedStatus: "APPROVED", expectedRevision: 1 })).toMatchObject({ ok: true });
    expect(await undoDecisions(moderator, [again.eventId])).toMatchObject({ ok: false, message: "Not undone: the comment was changed or answered after your decision." });
    expect(await database.db.report.count({ where: { commentId: comment.id, resolvedAt: null } })).toBe(0);
  });

  it("never reopens reports over another moderator's decision made at the same moment", async () => {
    const { dismissReports } = await import("@/app/_lib/moderation/reports");
    const other = await makeViewer(database.db, { role: "MODERATOR" });
    const reporter = await makeViewer(database.db);
    const rounds = await Promise.all(
      Array.from({ length: 20 }, async (_, round) => {
        const comment = await database.db.comment.create({ data: { postId, authorId: author.id, body: `Reported ${round}`, status: "APPROVED" } });
        await database.db.report.create({ data: { commentId: comment.id, reporterId: reporter.id, reason: "SPAM" } });
        const dismissed = await dismissReports(moderator, comment.id);
        if (!dismissed.ok) throw new Error(dismissed.message);
        const [undone, trashed] = await Promise.all([
          undoDecisions(moderator, [dismissed.eventId]),
          decideComment(other, { commentId: comment.id, decision: "TRASH", expectedStatus: "APPROVED", expectedRevision: 1 }),
        ]);
        const open = await database.db.report.count({ where: { commentId: comment.id, resolvedAt: null } });
        return { undone: undone.ok, trashed: trashed.ok, open };
      }),
    );
    // Either order is fine: undo then trash (the trash settles the reopened report) or trash then
    // a refused undo. A trashed comment with an open report means the undo ignored the trash.
    expect(rounds.filter((round) => round.trashed && round.open > 0)).toEqual([]);
    expect(rounds.every((round) => round.trashed)).toBe(true);
  });
});
