import type { Metadata } from "next";
import Link from "next/link";
import { subscriptionFor } from "@/app/_lib/mail/unsubscribe";
import { SubscriptionForm } from "./subscription-form";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

/**
 * Where an email's unsubscribe link leads. Opening it changes nothing (mail scanners open every
 * link): the page says what the link turns off, and only the Unsubscribe button, a POST, does it.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: given } = await searchParams;
  // A repeated parameter is no token, and the empty one is refused like any other made-up token.
  const token = typeof given === "string" ? given : "";
  const subscription = await subscriptionFor(token);
  if (!subscription.ok) {
    return (
      <>
        <h1>Unsubscribe</h1>
        <p role="alert">{subscription.message}</p>
        <p>
          <Link prefetch={false} href="/account">Go to your account page</Link> to choose which emails you receive.
        </p>
      </>
    );
  }
  return (
    <>
      {subscription.subscribed ? (
        <>
          <h1>Turn off {subscription.description}?</h1>
          <p id="unsubscribe-explained">Nothing has changed yet. Press Unsubscribe to stop these emails; you can undo it straight after.</p>
        </>
      ) : (
        <>
          <h1>You are unsubscribed</h1>
          <p role="status" id="unsubscribe-explained">
            You will no longer receive {subscription.description}.
          </p>
        </>
      )}
      <SubscriptionForm token={token} subscribed={subscription.subscribed} describedBy="unsubscribe-explained" />
      <p>
        Other emails are set on <Link prefetch={false} href="/account">your account page</Link>.
      </p>
    </>
  );
}
