import "server-only";
import type { Viewer } from "@/app/_lib/auth/viewer";
import { hasRole, refusalFor } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { isUniqueViolation } from "@/app/_lib/db/errors";
import type { PublishTermsInput } from "@/app/_lib/schemas/terms";
import { termsChanged } from "./current";

export type PublishResult = { ok: true; version: number } | { ok: false; message: string };

/** Publishes the next version of the terms (admins only), with an audit event. */
export async function publishTerms(viewer: Viewer | null, input: PublishTermsInput): Promise<PublishResult> {
  if (!hasRole(viewer, "ADMIN")) return { ok: false, message: refusalFor(viewer, "Only administrators can publish new terms.") };
  try {
    const version = await db.$transaction(async (tx) => {
      const latest = await tx.termsVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true, effectiveAt: true } });
      if (latest && input.effectiveAt < latest.effectiveAt) throw new EarlierThanLatest(latest.effectiveAt);
      const next = (latest?.version ?? 0) + 1;
      await tx.termsVersion.create({ data: { version: next, body: input.body, effectiveAt: input.effectiveAt, publishedById: viewer.id } });
      await tx.moderationEvent.create({ data: { action: "TERMS_PUBLISH", moderatorId: viewer.id, detail: JSON.stringify({ version: next }) } });
      return next;
    });
    termsChanged();
    return { ok: true, version };
  } catch (error) {
    if (error instanceof EarlierThanLatest) return { ok: false, message: "A new version cannot take effect before the current one." };
    if (isUniqueViolation(error)) return { ok: false, message: "Another version was published at the same moment. Reload and try again." };
    throw error;
  }
}

class EarlierThanLatest extends Error {
  constructor(readonly effectiveAt: Date) {
    super("earlier than latest");
  }
}
