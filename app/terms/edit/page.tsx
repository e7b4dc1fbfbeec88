import type { Metadata } from "next";
import { connection } from "next/server";
import { requirePageRole } from "@/app/_lib/auth/require";
import { db } from "@/app/_lib/db";
import { TermsEditor } from "./terms-editor";

export const metadata: Metadata = { title: "Publish new terms" };

export default async function EditTermsPage() {
  await connection();
  await requirePageRole("ADMIN", "/terms/edit");
  const latest = await db.termsVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true, body: true } });
  return (
    <>
      <h1>Publish new Terms and Conditions</h1>
      <p>
        Publishing creates version {(latest?.version ?? 0) + 1}. Earlier versions stay readable, and each comment keeps the version its
        author accepted. Readers accept the new version from its effective date.
      </p>
      <TermsEditor initialBody={latest?.body ?? ""} today={new Date().toISOString().slice(0, 10)} />
    </>
  );
}
