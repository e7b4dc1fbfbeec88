import type { Database } from "@/app/_lib/db/client";

export const EXPORT_FORMAT = "vetted-export";
export const EXPORT_VERSION = 1;

/**
 * Everything that makes up the site, table by table, for a backup or a move: posts, comments
 * and their history (never imported guests' address hashes), people (never password hashes,
 * OAuth tokens or sessions), terms and their acceptances, the moderation log, reports and settings.
 */
export async function exportEverything(db: Database, now = new Date()) {
  const byId = { orderBy: { id: "asc" as const } };
  const [posts, comments, commentRevisions, users, termsVersions, termsAcceptances, moderationEvents, reports, settings] = await Promise.all([
    db.post.findMany(byId),
    db.comment.findMany({ ...byId, omit: { submissionKey: true, guestEmailHash: true } }),
    db.commentRevision.findMany(byId),
    db.user.findMany({ ...byId, omit: { passwordHash: true } }),
    db.termsVersion.findMany({ orderBy: { version: "asc" } }),
    db.termsAcceptance.findMany(byId),
    db.moderationEvent.findMany(byId),
    db.report.findMany(byId),
    db.setting.findMany({ orderBy: { key: "asc" } }),
  ]);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    posts,
    comments,
    commentRevisions,
    users,
    termsVersions,
    termsAcceptances,
    moderationEvents,
    reports,
    settings,
  };
}
