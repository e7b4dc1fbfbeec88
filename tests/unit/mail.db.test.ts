import { createHmac, randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

process.env.NEXTAUTH_SECRET = "mail-test-secret";
process.env.SITE_URL = "https://comments.example.org/";

const { decideComment } = await import("@/app/_lib/moderation/decide");
const { deliverQueued } = await import("@/app/_lib/mail/deliver");
const { UNDO_WINDOW_MS } = await import("@/app/_lib/schemas/limits");
const afterUndoWindow = () => new Date(Date.now() + UNDO_WINDOW_MS + 1_000);
const { notifyPending, queueDailyDigests } = await import("@/app/_lib/mail/notify");
const { digestDue } = await import("@/app/_lib/mail/jobs");
const { EXPIRED_LINK, INVALID_LINK, setSubscription, subscriptionFor, unsubscribe } = await import("@/app/_lib/mail/unsubscribe");
const { signUnsubscribeToken, UNSUBSCRIBE_LINK_DAYS, verifyUnsubscribeToken } = await import("@/app/_lib/mail/unsubscribe-token");
const unsubscribeRoute = await import("@/app/unsubscribe/now/route");

let database: TestDatabase;
let post: { id: string; slug: string; title: string };
let author: Viewer;
let moderator: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());
beforeEach(async () => {
  post = await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "Imaging in sciatica", authorName: "A", publishedAt: new Date(), body: "B" } });
  author = await makeViewer(database.db);
  moderator = await makeViewer(database.db, { role: "MODERATOR" });
});

const pending = (data: { authorId?: string; parentId?: string; body?: string } = {}) =>
  database.db.comment.create({ data: { postId: post.id, authorId: data.authorId ?? author.id, parentId: data.parentId, body: data.body ?? "Some words", status: "PENDING" } });
const mailTo = (email: string) => database.db.outboxMessage.findMany({ where: { toAddress: email }, orderBy: { createdAt: "asc" } });

const DAY_MS = 24 * 60 * 60 * 1000;
const invalid = { ok: false, reason: "invalid" };

describe("unsubscribe tokens", () => {
  it("round-trips, and refuses altered, truncated, re-signed or made-up tokens", () => {
    const issuedAt = new Date("2031-05-01T12:00:00Z");
    const now = new Date("2031-05-02T12:00:00Z");
    const token = signUnsubscribeToken({ userId: "user1", topic: "replies:abc123" }, issuedAt);
    expect(verifyUnsubscribeToken(token, now)).toEqual({ ok: true, userId: "user1", topic: "replies:abc123", issuedAt });
    const [body, mac] = token.split(".");
    const otherBody = Buffer.from(JSON.stringify(["user2", "replies:abc123", issuedAt.getTime() / 1000])).toString("base64url");
    expect(verifyUnsubscribeToken(`${otherBody}.${mac}`, now)).toEqual(invalid);
    // Moving the date on (to keep a link alive) breaks the signature like any other change.
    const laterBody = Buffer.from(JSON.stringify(["user1", "replies:abc123", now.getTime() / 1000])).toString("base64url");
    expect(verifyUnsubscribeToken(`${laterBody}.${mac}`, now)).toEqual(invalid);
    expect(verifyUnsubscribeToken(`${body}.${mac!.slice(0, -2)}`, now)).toEqual(invalid);
    // The last character's spare bits: same bytes, another spelling, still refused.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const respelled = `${mac!.slice(0, -1)}${alphabet[alphabet.indexOf(mac!.at(-1)!) ^ 1]}`;
    expect(Buffer.from(respelled, "base64url").equals(Buffer.from(mac!, "base64url"))).toBe(true);
    expect(verifyUnsubscribeToken(`${body}.${respelled}`, now)).toEqual(invalid);
    expect(verifyUnsubscribeToken(body!, now)).toEqual(invalid);
    expect(verifyUnsubscribeToken(`${token}.extra`, now)).toEqual(invalid);
    expect(verifyUnsubscribeToken("", now)).toEqual(invalid);
    process.env.NEXTAUTH_SECRET = "another-secret";
    expect(verifyUnsubscribeToken(token, now)).toEqual(invalid);
    process.env.NEXTAUTH_SECRET = "mail-test-secret";
  });

  it(`works for ${UNSUBSCRIBE_LINK_DAYS} days after it was sent, then is refused as expired; undated and future-dated tokens are refused`, () => {
    const sent = new Date("2031-05-01T12:00:00Z");
    const token = signUnsubscribeToken({ userId: "user1", topic: "decisions" }, sent);
    const lifetime = UNSUBSCRIBE_LINK_DAYS * DAY_MS;
    expect(UNSUBSCRIBE_LINK_DAYS).toBeGreaterThanOrEqual(30);
    expect(verifyUnsubscribeToken(token, new Date(sent.getTime() + 21 * DAY_MS))).toMatchObject({ ok: true, userId: "user1", topic: "decisions" });
    expect(verifyUnsubscribeToken(token, new Date(sent.getTime() + lifetime))).toMatchObject({ ok: true });
    expect(verifyUnsubscribeToken(token, new Date(sent.getTime() + lifetime + 1000))).toEqual({ ok: false, reason: "expired" });

    // A genuine link from before links carried their date never expired, so it is refused now.
    const undatedBody = Buffer.from(JSON.stringify(["user1", "decisions"])).toString("base64url");
    const undated = `${undatedBody}.${createHmac("sha256", "mail-test-secret").update(`unsubscribe:${undatedBody}`).digest("base64url")}`;
    expect(verifyUnsubscribeToken(undated, sent)).toEqual({ ok: false, reason: "expired" });

    // Signed by a clock far ahead, it would outlive its lifetime: refused, beyond a little skew.
    expect(verifyUnsubscribeToken(signUnsubscribeToken({ userId: "user1", topic: "decisions" }, new Date(sent.getTime() + 60_000)), sent)).toMatchObject({ ok: true });
    expect(verifyUnsubscribeToken(signUnsubscribeToken({ userId: "user1", topic: "decisions" }, new Date(sent.getTime() + DAY_MS)), sent)).toEqual(invalid);
  });
});

describe("decision emails, stored with the decision", () => {
  it("an approval emails the author a link to the comment, with one-click unsubscribe headers", async () => {
    const comment = await pending({ body: "Follow-up MRI rarely changed our plans." });
    expect((await decideComment(moderator, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 })).ok).toBe(true);
    const [message, ...rest] = await mailTo(author.email);
    expect(rest).toHaveLength(0);
    expect(message).toMatchObject({ kind: "approved", userId: author.id, status: "QUEUED", subject: 'Your comment on "Imaging in sciatica" is published' });
    expect(message!.text).toContain(`https://comments.example.org/posts/${post.slug}#comment-${comment.id}`);
    expect(message!.text).toContain("Follow-up MRI rarely changed our plans.");
    const headers = JSON.parse(message!.headers) as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const token = new URL(headers["List-Unsubscribe"]!.slice(1, -1)).searchParams.get("token")!;
    expect(verifyUnsubscribeToken(token)).toMatchObject({ ok: true, userId: author.id, topic: "decisions" });
  });

  it("an excerpt that would cut an emoji in half stops before it (half a character is not storable text)", async () => {
    const comment = await pending({ body: `${"a".repeat(278)}😀😀 and more` });
    expect((await decideComment(moderator, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 })).ok).toBe(true);
    const [message] = await mailTo(author.email);
    expect(message!.text).toContain(`${"a".repeat(278)}😀…`);
    expect(() => encodeURIComponent(message!.text)).not.toThrow();
  });

  it("a rejection carries the reason; an author who turned decision emails off gets none", async () => {
    const comment = await pending();
    await decideComment(moderator, { commentId: comment.id, decision: "REJECT", expectedStatus: "PENDING", expectedRevision: 1, reason: "Off-topic" });
    expect((await mailTo(author.email)).map((message) => message.text)).toEqual([expect.stringContaining("The moderator's reason: Off-topic")]);

    await database.db.user.update({ where: { id: author.id }, data: { notifyOnDecision: false } });
    const second = await pending({ body: "Another" });
    await decideComment(moderator, { commentId: second.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    expect(await mailTo(author.email)).toHaveLength(1);
  });

  it("spam and trash send nothing; a decision that lost the race sends nothing", async () => {
    const comment = await pending();
    await decideComment(moderator, { commentId: comment.id, decision: "SPAM", expectedStatus: "PENDING", expectedRevision: 1 });
    const lost = await decideComment(moderator, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    expect(lost.ok).toBe(false);
    expect(await mailTo(author.email)).toHaveLength(0);
  });

  it("an approved reply tells the parent's author only when they asked, and never about their own replies", async () => {
    const asker = await makeViewer(database.db);
    const parent = await database.db.comment.create({ data: { postId: post.id, authorId: asker.id, body: "Question?", status: "APPROVED", notifyReplies: true } });
    const quiet = await database.db.comment.create({ data: { postId: post.id, authorId: asker.id, body: "Other question?", status: "APPROVED" } });
    const reply = await pending({ parentId: parent.id, body: "An answer." });
    const ignored = await pending({ parentId: quiet.id, body: "Unwanted answer." });
    const own = await pending({ authorId: asker.id, parentId: parent.id, body: "Answering myself." });
    for (const comment of [reply, ignored, own]) await decideComment(moderator, { commentId: comment.id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });

    const toAsker = (await mailTo(asker.email)).filter((message) => message.kind === "reply");
    expect(toAsker).toHaveLength(1);
    expect(toAsker[0]!.text).toContain(`${author.name} replied to your comment`);
    expect(toAsker[0]!.text).toContain("An answer.");
  });
});

describe("delivery and digests", () => {
  it("sends queued messages through the mail transport with their headers and marks them sent", async () => {
    await decideComment(moderator, { commentId: (await pending()).id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: string[] = [];
    // The JSON transport builds the message as nodemailer would send it and hands it back.
    const recording = { sendMail: async (mail: nodemailer.SendMailOptions) => sent.push((await transport.sendMail(mail)).message as string) };
    // A decision's email waits out the decision's undo window, then goes.
    expect(await deliverQueued(database.db, { transport: recording as unknown as nodemailer.Transporter, from: "Vetted <no-reply@example.org>" })).toEqual({ sent: 0, failed: 0 });
    const report = await deliverQueued(database.db, { transport: recording as unknown as nodemailer.Transporter, from: "Vetted <no-reply@example.org>" }, afterUndoWindow());
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const built = sent.map((message) => JSON.parse(message) as { from: { address: string }; headers: Record<string, string> });
    expect(built.some((message) => message.headers["List-Unsubscribe"]?.includes("/unsubscribe/now?token="))).toBe(true);
    expect(built[0]!.from.address).toBe("no-reply@example.org");
    expect((await mailTo(author.email))[0]).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("a refusing mail server leaves the message failed with the reason, to be retried", async () => {
    await decideComment(moderator, { commentId: (await pending()).id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    await database.db.outboxMessage.updateMany({ where: { toAddress: { not: author.email } }, data: { status: "SENT" } });
    const refusing = { sendMail: async () => Promise.reject(new Error("550 mailbox unavailable")) };
    const report = await deliverQueued(database.db, { transport: refusing as unknown as nodemailer.Transporter, from: "no-reply@example.org" }, afterUndoWindow());
    expect(report).toEqual({ sent: 0, failed: 1 });
    expect((await mailTo(author.email))[0]).toMatchObject({ status: "FAILED", attempts: 1, lastError: "550 mailbox unavailable" });
  });

  it("two deliveries at once (two instances) send each message once", async () => {
    await database.db.outboxMessage.updateMany({ data: { status: "SENT" } });
    for (let index = 0; index < 3; index++) await decideComment(moderator, { commentId: (await pending({ body: `Once ${index}` })).id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    const sent: string[] = [];
    const slow = { sendMail: async (mail: nodemailer.SendMailOptions) => { await new Promise((resolve) => setTimeout(resolve, 20)); sent.push(String(mail.text)); } };
    const sender = { transport: slow as unknown as nodemailer.Transporter, from: "no-reply@example.org" };
    const reports = await Promise.all([deliverQueued(database.db, sender, afterUndoWindow()), deliverQueued(database.db, sender, afterUndoWindow())]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(3);
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(3);
  });

  it("a message left SENDING by a run that died is sent again once its claim expires", async () => {
    await database.db.outboxMessage.updateMany({ data: { status: "SENT" } });
    await decideComment(moderator, { commentId: (await pending()).id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    const claimedAt = new Date("2031-01-01T10:00:00Z");
    await database.db.outboxMessage.updateMany({ where: { toAddress: author.email }, data: { status: "SENDING", claimedAt, attempts: 1 } });
    const sent: string[] = [];
    const sender = { transport: { sendMail: async (mail: nodemailer.SendMailOptions) => sent.push(String(mail.to)) } as unknown as nodemailer.Transporter, from: "no-reply@example.org" };
    expect(await deliverQueued(database.db, sender, new Date("2031-01-01T10:05:00Z"))).toEqual({ sent: 0, failed: 0 });
    expect(await deliverQueued(database.db, sender, new Date("2031-01-01T10:11:00Z"))).toEqual({ sent: 1, failed: 0 });
    expect((await mailTo(author.email))[0]).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("digests are due from the configured hour (UTC)", () => {
    expect(digestDue(new Date("2031-01-01T06:59:00Z"), 7)).toBe(false);
    expect(digestDue(new Date("2031-01-01T07:00:00Z"), 7)).toBe(true);
    expect(digestDue(new Date("2031-01-01T23:00:00Z"), 7)).toBe(true);
  });

  it("without a configured mail server nothing leaves the outbox", async () => {
    delete process.env.SMTP_URL;
    await decideComment(moderator, { commentId: (await pending()).id, decision: "APPROVE", expectedStatus: "PENDING", expectedRevision: 1 });
    expect(await deliverQueued(database.db)).toEqual({ sent: 0, failed: 0 });
    expect((await mailTo(author.email))[0]!.status).toBe("QUEUED");
  });

  it("queues one digest per moderator per day, however often it runs", async () => {
    const digestReader = await makeViewer(database.db, { role: "MODERATOR" });
    await database.db.user.update({ where: { id: digestReader.id }, data: { moderatorAlerts: "DAILY" } });
    await pending({ body: "The oldest waiting remark." });
    const day = new Date("2031-03-04T08:00:00Z");
    await queueDailyDigests(database.db, day);
    await queueDailyDigests(database.db, new Date("2031-03-04T20:00:00Z"));
    expect(await mailTo(digestReader.email)).toHaveLength(1);
    const [digest] = await mailTo(digestReader.email);
    expect(digest!.subject).toMatch(/^\d+ comments? waiting for review$/);
    expect(digest!.text).toContain(`${author.name} on "Imaging in sciatica"`);
    expect(digest!.text).toContain("The oldest waiting remark.");
    await queueDailyDigests(database.db, new Date("2031-03-05T08:00:00Z"));
    expect(await mailTo(digestReader.email)).toHaveLength(2);
  });
});

describe("staff standing", () => {
  it("a banned moderator, or one under a running suspension, hears nothing of the queue; one whose suspension ended does", async () => {
    const now = new Date();
    const staff = await Promise.all([
      makeViewer(database.db, { role: "MODERATOR", status: "BANNED" }),
      makeViewer(database.db, { role: "ADMIN", status: "SUSPENDED", suspendedUntil: new Date(now.getTime() + DAY_MS) }),
      makeViewer(database.db, { role: "MODERATOR", status: "SUSPENDED", suspendedUntil: new Date(now.getTime() - DAY_MS) }),
    ]);
    await database.db.user.updateMany({ where: { id: { in: staff.map((person) => person.id) } }, data: { moderatorAlerts: "EACH" } });
    const comment = await pending({ body: "Waiting for someone in good standing." });
    await database.db.$transaction((tx) => notifyPending(tx, comment.id));
    expect(await mailTo(staff[0]!.email)).toHaveLength(0);
    expect(await mailTo(staff[1]!.email)).toHaveLength(0);
    expect(await mailTo(staff[2]!.email)).toHaveLength(1);

    await database.db.user.updateMany({ where: { id: { in: staff.map((person) => person.id) } }, data: { moderatorAlerts: "DAILY" } });
    await queueDailyDigests(database.db, new Date(now.getTime() + 60_000));
    expect(await mailTo(staff[0]!.email)).toHaveLength(0);
    expect(await mailTo(staff[1]!.email)).toHaveLength(0);
    expect(await mailTo(staff[2]!.email)).toHaveLength(2);
  });
});

describe("unsubscribe", () => {
  it("turns off exactly what the token names, and only for its own person", async () => {
    const other = await makeViewer(database.db);
    const theirs = await database.db.comment.create({ data: { postId: post.id, authorId: other.id, body: "x", status: "APPROVED", notifyReplies: true } });
    // A token for the author naming someone else's comment is refused and changes nothing.
    expect((await unsubscribe(signUnsubscribeToken({ userId: author.id, topic: `replies:${theirs.id}` }))).ok).toBe(false);
    expect((await database.db.comment.findUniqueOrThrow({ where: { id: theirs.id } })).notifyReplies).toBe(true);

    expect(await unsubscribe("forged.token")).toMatchObject({ ok: false });
    await database.db.user.update({ where: { id: moderator.id }, data: { moderatorAlerts: "DAILY" } });
    expect(await unsubscribe(signUnsubscribeToken({ userId: moderator.id, topic: "alerts:DAILY" }))).toMatchObject({ ok: true, subscribed: false });
    expect(await unsubscribe(signUnsubscribeToken({ userId: author.id, topic: "decisions" }))).toMatchObject({ ok: true, subscribed: false });
    const users = await database.db.user.findMany({ where: { id: { in: [author.id, moderator.id] } }, select: { id: true, notifyOnDecision: true, moderatorAlerts: true } });
    expect(users.find((user) => user.id === author.id)).toMatchObject({ notifyOnDecision: false });
    expect(users.find((user) => user.id === moderator.id)).toMatchObject({ notifyOnDecision: true, moderatorAlerts: "NONE" });
  });

  it("Undo restores what the link turned off; an old digest link leaves a newer choice alone", async () => {
    const digest = signUnsubscribeToken({ userId: moderator.id, topic: "alerts:DAILY" });
    await database.db.user.update({ where: { id: moderator.id }, data: { moderatorAlerts: "DAILY" } });
    await unsubscribe(digest);
    expect(await setSubscription(digest, true)).toMatchObject({ ok: true, subscribed: true });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: moderator.id } })).moderatorAlerts).toBe("DAILY");

    await database.db.user.update({ where: { id: moderator.id }, data: { moderatorAlerts: "EACH" } });
    expect(await unsubscribe(digest)).toMatchObject({ ok: true, subscribed: false });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: moderator.id } })).moderatorAlerts).toBe("EACH");
  });
});

describe("the email's link and one-click unsubscribe", () => {
  const address = (token: string) => `https://comments.example.org/unsubscribe/now?token=${token}`;
  const oneClick = (token: string, body: BodyInit | null, headers: Record<string, string> = {}) =>
    unsubscribeRoute.POST(new Request(address(token), { method: "POST", body, headers }));
  const decisionEmails = async (userId: string) => (await database.db.user.findUniqueOrThrow({ where: { id: userId } })).notifyOnDecision;

  it("opening the link (GET, as a mail scanner does) changes nothing and leads to the page that asks", async () => {
    const token = signUnsubscribeToken({ userId: author.id, topic: "decisions" });
    for (let visit = 0; visit < 3; visit++) {
      const response = await unsubscribeRoute.GET(new Request(address(token)));
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(`https://comments.example.org/unsubscribe?token=${token}`);
    }
    expect(await decisionEmails(author.id)).toBe(true);
    expect(await subscriptionFor(token)).toMatchObject({ ok: true, subscribed: true });
  });

  it("an RFC 8058 one-click POST (no cookies, no Origin) unsubscribes; a POST without its body changes nothing", async () => {
    const token = signUnsubscribeToken({ userId: author.id, topic: "decisions" });
    for (const [body, headers] of [
      [null, {}],
      ["", { "Content-Type": "application/x-www-form-urlencoded" }],
      ["List-Unsubscribe=Yes", { "Content-Type": "application/x-www-form-urlencoded" }],
      ["List-Unsubscribe=One-Click", { "Content-Type": "text/plain" }],
    ] as const) {
      const refused = await oneClick(token, body, headers);
      expect(refused.status, String(body)).toBe(400);
      expect(await refused.text()).toBe("Nothing was changed. To unsubscribe, open this link in a browser and press Unsubscribe.");
    }
    expect(await decisionEmails(author.id)).toBe(true);

    const accepted = await oneClick(token, new URLSearchParams({ "List-Unsubscribe": "One-Click" }));
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe("Unsubscribed from emails when a moderator approves or rejects your comments.");
    expect(await decisionEmails(author.id)).toBe(false);

    // Some mail clients send the same field as multipart/form-data.
    const multipart = new FormData();
    multipart.append("List-Unsubscribe", "One-Click");
    const reader = await makeViewer(database.db);
    expect((await oneClick(signUnsubscribeToken({ userId: reader.id, topic: "decisions" }), multipart)).status).toBe(200);
    expect(await decisionEmails(reader.id)).toBe(false);
  });

  it("an expired or forged link changes nothing, by one-click or by the page's button, and says why", async () => {
    const expired = signUnsubscribeToken({ userId: author.id, topic: "decisions" }, new Date(Date.now() - (UNSUBSCRIBE_LINK_DAYS + 1) * DAY_MS));
    const [body, mac] = signUnsubscribeToken({ userId: author.id, topic: "decisions" }).split(".");
    const forged = `${body}.${mac![0] === "A" ? "B" : "A"}${mac!.slice(1)}`;
    const response = await oneClick(expired, new URLSearchParams({ "List-Unsubscribe": "One-Click" }));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(EXPIRED_LINK);
    expect(await setSubscription(expired, false)).toEqual({ ok: false, message: EXPIRED_LINK });
    expect(await subscriptionFor(expired)).toEqual({ ok: false, message: EXPIRED_LINK });
    expect(await oneClick(forged, new URLSearchParams({ "List-Unsubscribe": "One-Click" })).then((refused) => refused.text())).toBe(INVALID_LINK);
    expect(await setSubscription(forged, false)).toEqual({ ok: false, message: INVALID_LINK });
    expect(await decisionEmails(author.id)).toBe(true);
  });
});
