/**
 * Every page under app/moderation and every route handler under app/api/moderation checks the
 * viewer's role itself, rather than trusting the moderation layout (which Next renders beside a
 * page, not before it, and which a route handler never passes through). The files are found on
 * disk, so a new page or route is covered without being listed here.
 */
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { makeViewer } from "../support/viewer";
import { setAppDatabase } from "../support/app-db";

const state = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/app/_lib/auth/viewer", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/app/_lib/auth/viewer")>()),
  getViewer: async () => state.viewer,
  sessionClaims: async () => ({ userId: (state.viewer as Viewer | null)?.id ?? null, sessionVersion: 0 }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), updateTag: vi.fn(), refresh: vi.fn(), unstable_cache: (load: () => unknown) => load }));
// Pages mark themselves dynamic with connection(), which needs a request scope that a unit test has not.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => undefined }));
vi.mock("next/navigation", async (importOriginal) => {
  const interrupt = (digest: string) => {
    throw Object.assign(new Error(digest), { digest });
  };
  return {
    ...(await importOriginal<typeof import("next/navigation")>()),
    redirect: (to: string) => interrupt(`NEXT_REDIRECT;${to}`),
    forbidden: () => interrupt("NEXT_HTTP_ERROR_FALLBACK;403"),
    notFound: () => interrupt("NEXT_HTTP_ERROR_FALLBACK;404"),
  };
});

const root = path.resolve(__dirname, "../..");
function filesNamed(name: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === name)
    .map((file) => path.join(dir, file))
    .sort();
}
const pages = filesNamed("page.tsx", "app/moderation");
const routes = filesNamed("route.ts", "app/api/moderation");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

type PageComponent = (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> }) => Promise<unknown>;
type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** How a page call ended: the digest of Next's redirect or HTTP error, or "rendered". */
async function outcomeOfPage(file: string, id: string): Promise<string> {
  const page = (await import(path.join(root, file))).default as PageComponent;
  try {
    await page({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) });
    return "rendered";
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (!digest) throw error;
    return digest.startsWith("NEXT_REDIRECT;/login") ? "sent to sign in" : digest;
  }
}

async function statusesOfRoute(file: string, id: string): Promise<Record<string, number>> {
  const handlers = (await import(path.join(root, file))) as Record<string, unknown>;
  const { NextRequest } = await import("next/server");
  const statuses: Record<string, number> = {};
  for (const method of HTTP_METHODS.filter((name) => typeof handlers[name] === "function")) {
    // Routes that read comments named in the query (the contexts) are given the id there too.
    const url = `http://localhost/${path.dirname(path.relative("app", file))}?ids=${id}`;
    const response = await (handlers[method] as RouteHandler)(new NextRequest(url, { method }), { params: Promise.resolve({ id }) });
    statuses[method] = response.status;
  }
  return statuses;
}

let database: TestDatabase;
let subjectId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  setAppDatabase(database.db);
  subjectId = (await makeViewer(database.db)).id;
});
afterAll(() => database.drop());

const later = () => new Date(Date.now() + 86_400_000);
const people: Record<string, () => Promise<Viewer>> = {
  reader: () => makeViewer(database.db),
  "suspended moderator": () => makeViewer(database.db, { role: "MODERATOR", status: "SUSPENDED", suspendedUntil: later() }),
  "suspended admin": () => makeViewer(database.db, { role: "ADMIN", status: "SUSPENDED", suspendedUntil: later() }),
  "banned admin": () => makeViewer(database.db, { role: "ADMIN", status: "BANNED" }),
};

describe("moderation pages and routes check the role themselves", () => {
  it("finds the pages and routes to check", () => {
    expect(pages).toEqual(expect.arrayContaining(["app/moderation/page.tsx", "app/moderation/log/page.tsx", "app/moderation/users/[id]/page.tsx"]));
    expect(routes).toContain("app/api/moderation/pending/route.ts");
  });

  it.each(pages)("%s sends a signed-out visitor to sign in", async (file) => {
    state.viewer = null;
    expect(await outcomeOfPage(file, subjectId)).toBe("sent to sign in");
  });

  it.each(pages.flatMap((file) => Object.keys(people).map((person) => ({ file, person }))))("$file refuses a $person with 403", async ({ file, person }) => {
    state.viewer = await people[person]!();
    expect(await outcomeOfPage(file, subjectId)).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
  });

  it.each(routes)("%s answers 401 when signed out and 403 to everyone without moderation powers", async (file) => {
    state.viewer = null;
    const signedOut = await statusesOfRoute(file, subjectId);
    expect(Object.keys(signedOut).length).toBeGreaterThan(0);
    expect(Object.values(signedOut).every((status) => status === 401), JSON.stringify(signedOut)).toBe(true);
    for (const [person, make] of Object.entries(people)) {
      state.viewer = await make();
      const statuses = await statusesOfRoute(file, subjectId);
      expect(Object.values(statuses).every((status) => status === 403), `${person}: ${JSON.stringify(statuses)}`).toBe(true);
    }
  });

  it("lets a moderator through the route, so the refusals above are about the role", async () => {
    state.viewer = await makeViewer(database.db, { role: "MODERATOR", name: `Moderator ${randomUUID()}` });
    // Routes about comments are asked about a comment that exists.
    const post = await database.db.post.create({ data: { slug: `p-${randomUUID()}`, title: "P", authorName: "A", publishedAt: new Date(), body: "B" } });
    const comment = await database.db.comment.create({ data: { postId: post.id, body: "Waiting.", status: "PENDING" } });
    for (const file of routes) {
      const statuses = await statusesOfRoute(file, file.includes("/contexts/") ? comment.id : subjectId);
      expect(Object.values(statuses).every((status) => status < 400), `${file}: ${JSON.stringify(statuses)}`).toBe(true);
    }
  });
});
