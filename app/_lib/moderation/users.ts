import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, refusalFor } from "@/app/_lib/auth/require";
import { viewerSelect } from "@/app/_lib/auth/viewer-select";
import { db } from "@/app/_lib/db";
import { containsIgnoringCase } from "@/app/_lib/db/contains";
import type { UserUpdateInput } from "@/app/_lib/schemas/users";

/** The same fields the app knows a signed-in person by. */
export type UserSummary = Omit<Viewer, "twoFactorOn" | "mustSetUpTwoFactor">;

export async function findUsers(viewer: Viewer | null, query: string, take = 50): Promise<UserSummary[]> {
  if (!hasRole(viewer, "MODERATOR")) return [];
  const q = query.trim();
  return db.user.findMany({
    where: q ? { OR: [{ name: containsIgnoringCase(q) }, { email: { contains: q.toLowerCase() } }] } : {},
    orderBy: { createdAt: "desc" },
    take,
    select: viewerSelect,
  });
}

export async function getUserDetail(viewer: Viewer | null, userId: string) {
  if (!hasRole(viewer, "MODERATOR")) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: viewerSelect });
  if (!user) return null;
  const [byStatus, recent, events] = await Promise.all([
    db.comment.groupBy({ by: ["status"], where: { authorId: userId }, _count: { _all: true } }),
    db.comment.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, body: true, status: true, createdAt: true, post: { select: { title: true, slug: true } } },
    }),
    db.moderationEvent.findMany({
      where: { subjectUserId: userId, commentId: null },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, action: true, reason: true, createdAt: true, moderator: { select: { name: true } } },
    }),
  ]);
  return { user, counts: Object.fromEntries(byStatus.map((row) => [row.status, row._count._all])) as Record<string, number>, recent, events };
}

export type UserUpdateResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * Moderators ban, suspend, reinstate and flag readers; only admins change roles or act on other
 * staff. Nobody changes their own standing. Every change is logged with its reason.
 */
export async function updateUser(viewer: Viewer | null, input: UserUpdateInput): Promise<UserUpdateResult> {
  if (!hasRole(viewer, "MODERATOR")) return { ok: false, message: refusalFor(viewer, "You do not have access.") };
  if (input.userId === viewer.id) return { ok: false, message: "You cannot change your own account here." };
  const target = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, name: true, role: true } });
  if (!target) return { ok: false, message: "This account no longer exists." };
  if ((input.operation === "role" || target.role !== "READER") && viewer.role !== "ADMIN") {
    return { ok: false, message: "Only administrators can change roles or act on moderators and administrators." };
  }

  const change = (() => {
    switch (input.operation) {
      case "ban":
        // A ban also ends every session the person has open.
        return { data: { status: "BANNED" as const, suspendedUntil: null, statusReason: input.reason, sessionVersion: { increment: 1 } }, action: "BAN" as const, message: `${target.name} is banned.` };
      case "suspend":
        return {
          data: { status: "SUSPENDED" as const, suspendedUntil: input.until, statusReason: input.reason },
          action: "SUSPEND" as const,
          message: `${target.name} is suspended until ${input.until.toISOString().slice(0, 10)}.`,
          detail: { until: input.until.toISOString() },
        };
      case "reinstate":
        return { data: { status: "ACTIVE" as const, suspendedUntil: null, statusReason: null }, action: "REINSTATE" as const, message: `${target.name} can comment again.` };
      case "premoderate":
        return {
          data: { alwaysPremoderate: input.value },
          action: "SET_PREMODERATE" as const,
          message: input.value ? `Every comment from ${target.name} will be held.` : `${target.name} follows the usual rules again.`,
          detail: { value: input.value },
        };
      case "trusted":
        return {
          data: { trusted: input.value },
          action: "SET_TRUSTED" as const,
          message: input.value ? `${target.name} is trusted.` : `${target.name} is no longer trusted.`,
          detail: { value: input.value },
        };
      case "role":
        return { data: { role: input.role }, action: "ROLE_CHANGE" as const, message: `${target.name} is now ${input.role.toLowerCase()}.`, detail: { from: target.role, to: input.role } };
    }
  })();

  await db.$transaction([
    db.user.update({ where: { id: target.id }, data: change.data }),
    db.moderationEvent.create({
      data: { action: change.action, moderatorId: viewer.id, subjectUserId: target.id, reason: input.reason, detail: "detail" in change ? JSON.stringify(change.detail) : null },
    }),
  ]);
  return { ok: true, message: change.message };
}
