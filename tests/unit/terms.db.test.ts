import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";


const { publishTerms } = await import("@/app/_lib/terms/publish");
const { currentTermsVersion } = await import("@/app/_lib/terms/current");
const { getTermsVersion } = await import("@/app/_lib/terms/queries");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
});
afterAll(() => database.drop());

const text = (n: number) => `Version ${n} of the terms. `.repeat(20);

describe("terms versions", () => {
  it("only admins publish; each version is numbered, audited, and in force from its date", async () => {
    const reader = await makeViewer(database.db);
    const moderator = await makeViewer(database.db, { role: "MODERATOR" });
    const admin = await makeViewer(database.db, { role: "ADMIN" });
    const bannedAdmin = await makeViewer(database.db, { role: "ADMIN", status: "BANNED" });

    for (const viewer of [null, reader, moderator, bannedAdmin]) {
      expect(await publishTerms(viewer, { body: text(1), effectiveAt: new Date("2025-01-01") })).toEqual({
        ok: false,
        message: "Only administrators can publish new terms.",
      });
    }
    expect(await database.db.termsVersion.count()).toBe(0);
    expect(await currentTermsVersion()).toBeNull();

    expect(await publishTerms(admin, { body: text(1), effectiveAt: new Date("2025-01-01") })).toEqual({ ok: true, version: 1 });
    expect(await publishTerms(admin, { body: text(2), effectiveAt: new Date("2099-01-01") })).toEqual({ ok: true, version: 2 });
    expect(await publishTerms(admin, { body: text(3), effectiveAt: new Date("2098-01-01") })).toMatchObject({ ok: false });

    // Version 2 is published but not yet in force; version 1 still is, and both stay readable.
    expect(await currentTermsVersion(new Date("2026-06-01"))).toBe(1);
    expect(await currentTermsVersion(new Date("2099-01-02"))).toBe(2);
    expect((await getTermsVersion(1))?.bodyHtml).toContain("Version 1 of the terms.");
    expect((await getTermsVersion(2))?.bodyHtml).toContain("Version 2 of the terms.");

    const events = await database.db.moderationEvent.findMany({ where: { action: "TERMS_PUBLISH" }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => [event.moderatorId, JSON.parse(event.detail ?? "{}").version])).toEqual([
      [admin.id, 1],
      [admin.id, 2],
    ]);
  });
});
