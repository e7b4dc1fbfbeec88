import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getCurrentTerms, getTermsVersion } from "@/app/_lib/terms/queries";
import { TermsDocument } from "../terms-document";

type Props = { params: Promise<{ version: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { version } = await params;
  return { title: `Terms and Conditions, version ${version}` };
}

export default async function TermsVersionPage({ params }: Props) {
  await connection();
  const { version } = await params;
  if (!/^[1-9]\d{0,8}$/.test(version)) notFound();
  const [terms, current] = await Promise.all([getTermsVersion(Number(version)), getCurrentTerms()]);
  if (!terms) notFound();
  return <TermsDocument terms={terms} isCurrent={current?.version === terms.version} />;
}
