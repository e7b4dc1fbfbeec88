import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const { loadViewer, viewerSelect } = await import("@/app/_lib/auth/viewer");
const { endAllSessions } = await import("@/app/_lib/auth/sessions");
const { renewedSessionCookie, SESSION_MAX_AGE_SECONDS, usesSecureCookies } = await import("@/app/_lib/auth/session-lifetime");
const { updateUser } = await import("@/app/_lib/moderation/users");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

describe("sessions", () => {
  it("ending a user's sessions (sign-out, ban) makes every session issued before sign in no one", async () => {
    const reader = await makeViewer(database.db);
    expect(await loadViewer(reader.id, 0)).toMatchObject({ id: reader.id });
    await endAllSessions(reader.id);
    expect(await loadViewer(reader.id, 0)).toBeNull();
    expect(await loadViewer(reader.id, 1)).toMatchObject({ id: reader.id });

    const moderator = await makeViewer(database.db, { role: "MODERATOR" });
    expect(await updateUser(moderator, { userId: reader.id, operation: "ban", reason: "Abuse" })).toMatchObject({ ok: true });
    expect(await loadViewer(reader.id, 1)).toBeNull();
  });

  it("reads the viewer with every field typed as Prisma gives it, and no one for a deleted account", async () => {
    const reader = await makeViewer(database.db);
    const suspendedUntil = new Date("2030-05-06T07:08:09.123Z");
    await database.db.user.update({
      where: { id: reader.id },
      data: { emailVerified: new Date("2021-02-03T04:05:06.789Z"), status: "SUSPENDED", suspendedUntil, statusReason: "Cooling off", alwaysPremoderate: true, trusted: true },
    });
    const stored = await database.db.user.findUniqueOrThrow({ where: { id: reader.id }, select: viewerSelect });
    const viewer = await loadViewer(reader.id, 0);
    expect(viewer).toEqual({ ...stored, twoFactorOn: false, mustSetUpTwoFactor: false });
    expect(viewer!.suspendedUntil).toBeInstanceOf(Date);
    expect(viewer!.alwaysPremoderate).toBe(true);

    await database.db.user.update({ where: { id: reader.id }, data: { deletedAt: new Date() } });
    expect(await loadViewer(reader.id, 0)).toBeNull();
  });

  it("a session token more than a day old is renewed for another week with the same claims; a fresh one is left alone", async () => {
    process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
    const secret = process.env.NEXTAUTH_SECRET!;
    // encode() stamps the current time as the issue time; the renewal is asked about a later moment.
    const token = await encode({ token: { sub: "user-1", sv: 3 }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
    const request = new NextRequest("http://127.0.0.1:3000/", { headers: { cookie: `next-auth.session-token=${token}` } });
    expect(await renewedSessionCookie(request, Date.now() + 60_000)).toBeNull();
    const later = Date.now() + 2 * 24 * 60 * 60 * 1000;
    const renewed = await renewedSessionCookie(request, later);
    expect(renewed).toMatchObject({ name: "next-auth.session-token", maxAge: SESSION_MAX_AGE_SECONDS, secure: false });
    const { decode } = await import("next-auth/jwt");
    expect(await decode({ token: renewed!.value, secret })).toMatchObject({ sub: "user-1", sv: 3 });
    expect(await renewedSessionCookie(new NextRequest("http://127.0.0.1:3000/"))).toBeNull();
  });
});

describe("the session cookie's name", () => {
  it("is the __Secure- one exactly when NextAuth would use it: HTTPS, in any case, or an address without a scheme", () => {
    expect(usesSecureCookies("https://vetted.example")).toBe(true);
    expect(usesSecureCookies("HTTPS://vetted.example")).toBe(true);
    // NextAuth reads an address without a scheme as HTTPS, and names its cookie accordingly.
    expect(usesSecureCookies("vetted.example")).toBe(true);
    expect(usesSecureCookies("http://localhost:3000")).toBe(false);
    expect(usesSecureCookies("")).toBe(false);
  });
});
