import type { Metadata } from "next";
import Link from "next/link";
import { countClaimableComments } from "@/app/_lib/account/claim";
import { listMyComments, MY_COMMENTS_LIMIT } from "@/app/_lib/account/my-comments";
import { listUnseenNotifications } from "@/app/_lib/account/notifications";
import { getPreferences } from "@/app/_lib/account/preferences";
import { redirect } from "next/navigation";
import { getViewer, isStaff } from "@/app/_lib/auth/viewer";
import { exactTime, formatLongDate } from "@/app/_lib/format";
import { ClaimComments } from "./claim-comments";
import { DeleteAccountForm } from "./delete-account-form";
import { MarkReadForm } from "./mark-read-form";
import { PreferencesForm } from "./preferences-form";
import { ReplyEmailsToggle } from "./reply-emails-toggle";
import { ChangeEmailForm } from "./change-email-form";
import { ChangePasswordForm } from "./change-password-form";
import { SignOutElsewhereForm } from "./sign-out-elsewhere-form";
import { TwoFactorSection } from "./two-factor-section";
import { VerificationNotice } from "./verification-notice";
import { excerpt } from "@/app/_lib/content/truncate";
import { DataTable } from "@/app/_components/data-table";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

const statusText = {
  PENDING: "Awaiting moderation",
  APPROVED: "Published",
  REJECTED: "Not published",
  SPAM: "Not published",
  TRASH: "Not published",
} as const;


export default async function AccountPage() {
  // Not requirePageRole: banned readers may still see, export and delete what is theirs.
  const viewer = await getViewer();
  if (!viewer) redirect("/login?callbackUrl=%2Faccount");
  const [notifications, comments, preferences, claimable] = await Promise.all([
    listUnseenNotifications(viewer),
    listMyComments(viewer),
    getPreferences(viewer),
    countClaimableComments(viewer),
  ]);
  return (
    <>
      <h1>Your account</h1>
      <p>
        {viewer.name} ({viewer.email}), a member since {formatLongDate(viewer.createdAt)}.
      </p>
      {viewer.mustSetUpTwoFactor && (
        <p className="form-error">
          Moderation waits until you <a href="#two-factor-heading">set up two-factor authentication</a>: this site requires it for moderators and admins.
        </p>
      )}

      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">Notifications</h2>
        {notifications.length === 0 ? (
          <p>Nothing new.</p>
        ) : (
          <>
            <ul className="notifications">
              {notifications.map((item) => (
                <li key={`${item.kind}-${item.commentId}`}>
                  {item.kind === "decision" ? (
                    item.status === "APPROVED" ? (
                      <>
                        Your comment on <Link href={`/posts/${item.post.slug}#comment-${item.commentId}`}>{item.post.title}</Link> was published.
                      </>
                    ) : (
                      <>
                        Your comment on <Link href={`/posts/${item.post.slug}`}>{item.post.title}</Link> was not published.
                        {item.reason ? ` Reason: ${item.reason}` : ""}
                      </>
                    )
                  ) : (
                    <>
                      {item.from} replied to your comment on <Link href={`/posts/${item.post.slug}#comment-${item.commentId}`}>{item.post.title}</Link>.
                    </>
                  )}{" "}
                  <time dateTime={item.at.toISOString()} className="muted">
                    {exactTime(item.at)}
                  </time>
                </li>
              ))}
            </ul>
            <MarkReadForm />
          </>
        )}
      </section>

      <ClaimComments count={claimable} />

      <section aria-labelledby="my-comments-heading">
        <h2 id="my-comments-heading">My comments</h2>
        {comments.length === 0 ? (
          <p>You have not commented yet.</p>
        ) : (
          <DataTable caption={`Your comments, newest first${comments.length === MY_COMMENTS_LIMIT ? ` (the latest ${MY_COMMENTS_LIMIT})` : ""}`} columns={["Comment", "Post", "Status", "Written", "Reply emails"]}>
            {comments.map((comment) => (
              <tr key={comment.id}>
                <td>{excerpt(comment.body, 160)}</td>
                <td>
                  <Link href={`/posts/${comment.post.slug}${comment.status === "APPROVED" ? `#comment-${comment.id}` : ""}`}>{comment.post.title}</Link>
                </td>
                <td>
                  {statusText[comment.status]}
                  {comment.status === "REJECTED" && comment.rejectionReason ? `: ${comment.rejectionReason}` : ""}
                </td>
                <td>
                  <time dateTime={comment.createdAt.toISOString()}>{exactTime(comment.createdAt)}</time>
                </td>
                <td>
                  <ReplyEmailsToggle commentId={comment.id} on={comment.notifyReplies} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">Email</h2>
        <PreferencesForm preferences={preferences} moderator={isStaff(viewer)} />
      </section>

      <section aria-labelledby="security-heading">
        <h2 id="security-heading">Sign-in and security</h2>
        {viewer.emailVerified ? <p>Your email address is verified.</p> : <VerificationNotice email={viewer.email} />}
        {preferences.hasPassword && (
          <>
            <h3>Change password</h3>
            <ChangePasswordForm />
          </>
        )}
        <h3>Change email address</h3>
        <ChangeEmailForm hasPassword={preferences.hasPassword} />
        <h3>Sessions</h3>
        <SignOutElsewhereForm />
      </section>

      <TwoFactorSection viewer={viewer} hasPassword={preferences.hasPassword} />

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p>
          <a href="/account/export" download>
            Export my data
          </a>{" "}
          (JSON: your profile, comments with their history, terms acceptances and reports).
        </p>
        <h3>Delete my account</h3>
        <DeleteAccountForm hasPassword={preferences.hasPassword} />
      </section>
    </>
  );
}
