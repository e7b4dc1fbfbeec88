import type { Metadata } from "next";
import Link from "next/link";
import { subscriptionFor } from "@/app/_lib/mail/unsubscribe";
import { SubscriptionForm } from "./subscription-form";

export const metadata: Metadata = { title: "Email settings", robots: { index: false } };

export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const token = (await searchParams).token;
  const subscription = typeof token === "string" ? await subscriptionFor(token) : null;
  return (
    <>
      <h1>Email settings</h1>
      {subscription?.ok && typeof token === "string" ? (
        <>
          <p role="status">{subscription.subscribed ? `You receive ${subscription.description}.` : `You are unsubscribed: you will no longer receive ${subscription.description}.`}</p>
          <SubscriptionForm token={token} subscribed={subscription.subscribed} />
          <p>
            Other emails are set on <Link href="/account">your account page</Link>.
          </p>
        </>
      ) : (
        <p role="alert">
          This unsubscribe link is not valid. Copy the whole link from the email, or change your email settings on <Link href="/account">your account page</Link>.
        </p>
      )}
    </>
  );
}
