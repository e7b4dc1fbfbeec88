import type { Metadata } from "next";
import Link from "next/link";
import { describeTopic } from "@/app/_lib/mail/unsubscribe";
import { verifyUnsubscribeToken } from "@/app/_lib/mail/unsubscribe-token";
import { UnsubscribeForm } from "./unsubscribe-form";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

// Opening the link only shows this page; the button does the work, so link scanners in mail
// systems that fetch every address cannot unsubscribe anyone.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const token = (await searchParams).token;
  const payload = typeof token === "string" ? verifyUnsubscribeToken(token) : null;
  return (
    <>
      <h1>Unsubscribe</h1>
      {payload && typeof token === "string" ? (
        <>
          <p>Stop {describeTopic(payload.topic)}?</p>
          <UnsubscribeForm token={token} />
        </>
      ) : (
        <p role="alert">
          This unsubscribe link is not valid. Copy the whole link from the email, or change your email settings on <Link href="/account">your account page</Link>.
        </p>
      )}
    </>
  );
}
