import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requirePageRole } from "@/app/_lib/auth/require";
import { isId } from "@/app/_lib/schemas/ids";
import { exactTime, formatLongDate } from "@/app/_lib/format";
import { getUserDetail } from "@/app/_lib/moderation/users";
import { standingLabel } from "../standing-label";
import { UserActionForm } from "./user-action-form";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePageRole("MODERATOR", `/moderation/users/${id}`);
  await connection();
  const detail = isId(id) ? await getUserDetail(viewer, id) : null;
  if (!detail) notFound();
  const { user, counts, recent, events } = detail;
  const isSelf = viewer.id === user.id;
  const canAct = !isSelf && (viewer.role === "ADMIN" || user.role === "READER");

  return (
    <>
      <h1>{user.name}</h1>
      <p>
        {user.email} · {user.role.toLowerCase()} · joined {formatLongDate(user.createdAt)}
      </p>
      <p>
        Standing: <strong>{standingLabel(user)}</strong>
        {user.statusReason && <> (reason: {user.statusReason})</>}
      </p>
      <p>
        Comments: {counts.APPROVED ?? 0} approved, {counts.PENDING ?? 0} pending, {counts.REJECTED ?? 0} rejected, {counts.SPAM ?? 0} spam, {counts.TRASH ?? 0} in trash.
      </p>

      {canAct ? (
        <section aria-labelledby="actions-heading" className="user-actions">
          <h2 id="actions-heading">Change this account</h2>
          {user.status !== "BANNED" && <UserActionForm userId={user.id} operation="ban" title="Ban" submitLabel="Ban" />}
          <UserActionForm userId={user.id} operation="suspend" title="Suspend until" submitLabel="Suspend" />
          {user.status !== "ACTIVE" && <UserActionForm userId={user.id} operation="reinstate" title="Reinstate" submitLabel="Reinstate" />}
          <UserActionForm userId={user.id} operation="premoderate" title="Always pre-moderate" submitLabel="Save pre-moderation" checked={user.alwaysPremoderate} />
          <UserActionForm userId={user.id} operation="trusted" title="Trusted" submitLabel="Save trust" checked={user.trusted} />
          {viewer.role === "ADMIN" && <UserActionForm userId={user.id} operation="role" title="Role" submitLabel="Change role" role={user.role} />}
        </section>
      ) : (
        <p>{isSelf ? "This is your own account." : "Only administrators can change moderators and administrators."}</p>
      )}

      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">Recent comments</h2>
        {recent.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul>
            {recent.map((comment) => (
              <li key={comment.id}>
                <strong>{comment.status.toLowerCase()}</strong> on <Link prefetch={false} href={`/posts/${comment.post.slug}`}>{comment.post.title}</Link>, {exactTime(comment.createdAt)}: “
                {comment.body.slice(0, 120)}”
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Account history</h2>
        {events.length === 0 ? (
          <p>No changes.</p>
        ) : (
          <ul>
            {events.map((event) => (
              <li key={event.id}>
                {exactTime(event.createdAt)}: {event.action.toLowerCase().replace(/_/g, " ")} by {event.moderator?.name ?? "system"}
                {event.reason && <> — {event.reason}</>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
