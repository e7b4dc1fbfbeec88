import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { db } from "@/app/_lib/db";

/**
 * Everything the site holds about one person, as they would want to take it away: profile,
 * comments (with their status and history), terms acceptances and reports. No password hash.
 */
export async function exportPersonalData(viewer: Viewer, now = new Date()) {
  const [profile, comments, termsAcceptances, reports] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: viewer.id },
      select: { id: true, name: true, email: true, role: true, status: true, createdAt: true, notifyOnDecision: true, moderatorAlerts: true },
    }),
    db.comment.findMany({
      where: { authorId: viewer.id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        body: true,
        status: true,
        rejectionReason: true,
        parentId: true,
        termsVersion: true,
        termsAcceptedAt: true,
        notifyReplies: true,
        deletedAt: true,
        createdAt: true,
        updatedAt: true,
        post: { select: { slug: true, title: true } },
        revisions: { orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true } },
      },
    }),
    db.termsAcceptance.findMany({ where: { userId: viewer.id }, orderBy: { acceptedAt: "asc" }, select: { version: true, acceptedAt: true } }),
    db.report.findMany({
      where: { reporterId: viewer.id },
      orderBy: { createdAt: "asc" },
      select: { commentId: true, reason: true, text: true, createdAt: true, resolvedAt: true, resolution: true },
    }),
  ]);
  return { exportedAt: now.toISOString(), site: "Vetted", profile, comments, termsAcceptances, reports };
}
