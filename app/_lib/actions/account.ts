"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { claimComments } from "@/app/_lib/account/claim";
import { deleteAccount } from "@/app/_lib/account/delete";
import { markNotificationsSeen } from "@/app/_lib/account/notifications";
import { updatePreferences } from "@/app/_lib/account/preferences";
import { setReplyEmails } from "@/app/_lib/account/reply-emails";
import { getViewer } from "@/app/_lib/auth/viewer";
import { postChanged } from "@/app/_lib/posts/cache";
import { deleteAccountInput, preferencesInput, replyEmailsInput } from "@/app/_lib/schemas/account";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

const signedOut = (): FormState => ({ status: "error", message: "Your session has ended. Sign in again." });

export async function savePreferences(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const parsed = preferencesInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error) };
  if (!(await updatePreferences(await getViewer(), parsed.data))) return signedOut();
  revalidatePath("/account");
  return { status: "success", message: "Your email settings are saved." };
}

export async function markNotificationsRead(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  if (!(await markNotificationsSeen(await getViewer()))) return signedOut();
  revalidatePath("/", "layout");
  return { status: "success", message: "All caught up." };
}

export async function saveReplyEmails(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const parsed = replyEmailsInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message };
  if (!(await setReplyEmails(await getViewer(), parsed.data.commentId, parsed.data.notifyReplies))) {
    return { status: "error", message: "You can only change emails about your own comments." };
  }
  revalidatePath("/account");
  return { status: "success", message: parsed.data.notifyReplies ? "Reply emails on." : "Reply emails off." };
}

type DeleteField = "password" | "comments";

export async function deleteAccountAction(_previous: FormState<DeleteField>, formData: FormData): Promise<FormState<DeleteField>> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, ["comments"]);
  const attempt = Date.now();
  const parsed = deleteAccountInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };
  const result = await deleteAccount(await getViewer(), parsed.data);
  if (!result.ok) {
    return result.field === "form" ? { status: "error", message: result.message, values, attempt } : { status: "error", errors: { password: [result.message] }, values, attempt };
  }
  for (const slug of result.postSlugs) postChanged(slug);
  // The account is gone; so is the session cookie that named it.
  const jar = await cookies();
  for (const name of ["__Secure-next-auth.session-token", "next-auth.session-token"]) jar.delete(name);
  redirect("/?account=deleted");
}

export async function claimEarlierComments(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isForm(formData)) return notAForm();
  const viewer = await getViewer();
  if (!viewer) return signedOut();
  const result = await claimComments(viewer);
  if (!result.ok) return { status: "error", message: "Only an account whose email address is verified can claim comments written from it." };
  for (const post of result.posts) postChanged(post.slug, { visible: post.visible });
  revalidatePath("/account");
  return {
    status: "success",
    message: result.claimed === 0 ? "There were no comments left to claim." : result.claimed === 1 ? "1 comment is now yours and shows your name." : `${result.claimed} comments are now yours and show your name.`,
  };
}
