import "server-only";
import { cache } from "react";
import { db } from "@/app/_lib/db";
import { renderPostMarkdown } from "@/app/_lib/content/markdown";

export type TermsView = { version: number; effectiveAt: Date; bodyHtml: string };

const termsSelect = { version: true, effectiveAt: true, body: true } as const;

function toView(terms: { version: number; effectiveAt: Date; body: string }): TermsView {
  return { version: terms.version, effectiveAt: terms.effectiveAt, bodyHtml: renderPostMarkdown(terms.body) };
}

/** The version in force now: the newest one whose effective date has come. */
export const getCurrentTerms = cache(async (): Promise<TermsView | null> => {
  const terms = await db.termsVersion.findFirst({
    where: { effectiveAt: { lte: new Date() } },
    orderBy: { version: "desc" },
    select: termsSelect,
  });
  return terms ? toView(terms) : null;
});

export async function getTermsVersion(version: number): Promise<TermsView | null> {
  const terms = await db.termsVersion.findUnique({ where: { version }, select: termsSelect });
  return terms ? toView(terms) : null;
}

export async function listTermsVersions(): Promise<{ version: number; effectiveAt: Date }[]> {
  return db.termsVersion.findMany({ orderBy: { version: "desc" }, select: { version: true, effectiveAt: true } });
}
