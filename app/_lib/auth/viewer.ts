import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { markPersonal, PAGE_REQUEST_HEADER } from "@/app/_lib/page-cache";
import { cache } from "react";
import { db } from "@/app/_lib/db";
import { Prisma } from "@/generated/sqlite/client";
import type { Role } from "./roles";
import { viewerSelect } from "./viewer-select";
import { usesSecureCookies } from "./session-lifetime";
import { getSettings } from "@/app/_lib/settings";

export { viewerSelect };

export type { Role } from "./roles";

/** The signed-in person as the app may know them, read fresh from the database. */
export type Viewer = {
  id: string;
  name: string;
  email: string;
  /** When the person proved the address is theirs (a link, or a provider that verified it). */
  emailVerified: Date | null;
  role: Role;
  status: "ACTIVE" | "SUSPENDED" | "BANNED";
  suspendedUntil: Date | null;
  statusReason: string | null;
  alwaysPremoderate: boolean;
  trusted: boolean;
  createdAt: Date;
  /** Whether signing in to this account asks for a code from an authenticator app. */
  twoFactorOn: boolean;
  /**
   * A moderator or admin without two-factor while the site requires it for them: their powers
   * wait until they set it up on /account (hasRole refuses them).
   */
  mustSetUpTwoFactor: boolean;
};


type ViewerRow = Omit<Viewer, "twoFactorOn" | "mustSetUpTwoFactor"> & { twoFactorEnabledAt: Date | null };

/**
 * Every signed-in request reads its viewer, so this one is written as SQL: Prisma compiled the
 * same lookup to a plan on every request, 0.67 ms of the main thread each over a P3 bench run,
 * where a raw statement's plan takes about 0.1. The columns are viewerSelect's, so the two cannot
 * drift apart; both databases return the dates and flags typed.
 */
const VIEWER_COLUMNS = Prisma.raw(
  Object.keys(viewerSelect)
    .map((column) => `"User"."${column}"`)
    .join(", "),
);

/**
 * The user a session names, if that session still counts: a deleted account's cookie, or one
 * issued before the user's sessions were ended (sign-out, ban), signs in no one.
 */
export async function loadViewer(userId: string | undefined | null, sessionVersion = 0): Promise<Viewer | null> {
  if (!userId) return null;
  const [row] = await db.$queryRaw<ViewerRow[]>`
    SELECT ${VIEWER_COLUMNS}, "TwoFactor"."enabledAt" AS "twoFactorEnabledAt"
    FROM "User" LEFT JOIN "TwoFactor" ON "TwoFactor"."userId" = "User"."id"
    WHERE "User"."id" = ${userId} AND "User"."deletedAt" IS NULL AND "User"."sessionVersion" = ${sessionVersion}`;
  if (!row) return null;
  const { twoFactorEnabledAt, ...user } = row;
  const twoFactorOn = Boolean(twoFactorEnabledAt);
  const mustSetUpTwoFactor = user.role !== "READER" && !twoFactorOn && (await getSettings()).requireTwoFactorForStaff;
  return { ...user, twoFactorOn, mustSetUpTwoFactor };
}

/** The user id and session version the request's session cookie names, checked for expiry. */
export const sessionClaims = cache(async (): Promise<{ userId: string | null; sessionVersion: number }> => {
  // The session cookie's claims, decrypted and checked for expiry; nothing is re-issued here
  // (getServerSession would encrypt a new token every time, for a cookie it cannot set). Only
  // the cookie counts: no Authorization header is passed on.
  const token = await getToken({
    req: { cookies: await cookies(), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secureCookie: usesSecureCookies(),
  });
  return { userId: token?.sub ?? null, sessionVersion: typeof token?.sv === "number" ? token.sv : 0 };
});

/**
 * Who is asking, once per request. The session only says which user it is; role and status come
 * from the database, so a ban or a demotion applies at once even to a valid session cookie.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const { userId, sessionVersion } = await sessionClaims();
  const viewer = await loadViewer(userId, sessionVersion);
  // A page drawn for a person is never kept for visitors, whatever the cookies looked like.
  const pageRequest = viewer ? (await headers()).get(PAGE_REQUEST_HEADER) : null;
  if (pageRequest) markPersonal(pageRequest);
  return viewer;
});

export const isStaff = (viewer: Viewer | null): boolean => viewer?.role === "MODERATOR" || viewer?.role === "ADMIN";
