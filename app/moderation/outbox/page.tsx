import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/app/_lib/auth/require";
import { exactTime } from "@/app/_lib/format";
import { smtpTransport } from "@/app/_lib/mail/deliver";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/app/_lib/mail/outbox-list";

export const metadata: Metadata = { title: "Outbox" };

const statusLabel = { QUEUED: "Queued", SENDING: "Sending", SENT: "Sent", FAILED: "Failed" } as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ to?: string; before?: string }> }) {
  const viewer = await requirePageRole("ADMIN", "/moderation/outbox");
  const params = await searchParams;
  const to = typeof params.to === "string" && params.to.length <= 320 ? params.to.trim() || undefined : undefined;
  const beforeDate = typeof params.before === "string" ? new Date(params.before) : undefined;
  const before = beforeDate && !Number.isNaN(beforeDate.getTime()) ? beforeDate : undefined;
  const messages = (await listOutbox(viewer, { to, before })) ?? [];
  const last = messages.at(-1);
  return (
    <>
      <h1>Outbox</h1>
      <p>
        {smtpTransport()
          ? "Every email the site sends, newest first. Queued messages go to the mail server as soon as the change that caused them is saved."
          : "No mail server is configured (SMTP_URL and MAIL_FROM), so every email the site would send is kept here, newest first."}
      </p>
      <form method="get" className="filters" aria-label="Filter the outbox">
        <div className="field">
          <label htmlFor="outbox-to">Recipient</label>
          <input id="outbox-to" name="to" type="email" defaultValue={to ?? ""} />
        </div>
        <button type="submit" className="button button--quiet">
          Filter
        </button>
      </form>
      {messages.length === 0 ? (
        <p>No messages.</p>
      ) : (
        <ol className="outbox">
          {messages.map((message) => (
            <li key={message.id}>
              <article className="outbox__message" aria-label={message.subject}>
                <h2 className="outbox__subject">{message.subject}</h2>
                <dl className="outbox__meta">
                  {[
                    ["To", message.to],
                    ["Created", exactTime(message.createdAt)],
                    ["Status", `${statusLabel[message.status]}${message.lastError ? ` (${message.lastError})` : ""}`],
                    ...Object.entries(message.headers),
                  ].map(([name, value]) => (
                    <div key={name}>
                      <dt>{name}</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
                </dl>
                <pre className="outbox__text">{message.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
      {last && messages.length === OUTBOX_PAGE_SIZE && (
        <p>
          <Link prefetch={false} href={`/moderation/outbox?${new URLSearchParams({ ...(to ? { to } : {}), before: last.createdAt.toISOString() })}`}>Older messages</Link>
        </p>
      )}
    </>
  );
}
