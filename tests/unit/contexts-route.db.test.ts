import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { NextRequest } from "next/server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/app/_lib/auth/viewer")>()), getViewer: async () => state.viewer }));
const { GET } = await import("@/app/api/moderation/contexts/route");

let database: TestDatabase;
let reader: Viewer;
let moderator: Viewer;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  reader = await makeViewer(database.db);
  moderator = await makeViewer(database.db, { role: "MODERATOR" });
});
afterAll(() => database.drop());

const call = async (query: string, viewer: unknown) => {
  state.viewer = viewer;
  const response = await GET(new NextRequest(`http://localhost/api/moderation/contexts${query}`));
  return { status: response.status, body: await response.json() };
};

describe("GET /api/moderation/contexts", () => {
  it("asks who is calling before it reads the ids", async () => {
    expect(await call("", null)).toEqual({ status: 401, body: { error: "Sign in first." } });
    expect(await call("?ids=", null)).toEqual({ status: 401, body: { error: "Sign in first." } });
    expect(await call("?ids=a,,b", reader)).toEqual({ status: 403, body: { error: "You do not have access." } });
  });

  it("answers a moderator's hostile lists with a message, never an error page", async () => {
    expect(await call("", moderator)).toEqual({ status: 400, body: { error: "Name the comments." } });
    expect(await call("?ids=", moderator)).toEqual({ status: 400, body: { error: "Name the comments." } });
    expect(await call("?ids=,,,", moderator)).toEqual({ status: 400, body: { error: "Name the comments." } });
    expect(await call(`?ids=${Array.from({ length: 11 }, (_, index) => `c${index}`).join(",")}`, moderator)).toEqual({ status: 400, body: { error: "Ask for at most 10 comments at a time." } });
    expect((await call(`?ids=${"x".repeat(65)}`, moderator)).status).toBe(400);
    expect((await call("?ids=%00,__proto__,%C3%A9", moderator)).status).toBe(400);
    // Repeats count once; a comment that does not exist is simply left out.
    expect(await call(`?ids=${Array.from({ length: 30 }, () => "nothing-here").join(",")}`, moderator)).toEqual({ status: 200, body: { contexts: [] } });
  });
});
