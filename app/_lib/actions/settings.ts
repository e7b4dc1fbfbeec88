"use server";

import { revalidatePath } from "next/cache";
import { pageCacheChanged } from "@/app/_lib/page-cache";
import { getViewer } from "@/app/_lib/auth/viewer";
import { settingsFormInput } from "@/app/_lib/schemas/settings";
import { updateSettings } from "@/app/_lib/settings/update";
import { fieldErrors, formValues, type FormState, isForm, notAForm } from "./form-state";

const FIELDS = ["blocklist", "holdWords", "maxLinks", "holdFirstComment", "requirePreviousApproval", "unverifiedMayComment", "commentIntervalSeconds", "maxReplyDepth", "duplicateWindowMinutes", "closeCommentsAfterDays", "rejectionReasons", "minSecondsToComment", "spamThresholdPercent", "requireTwoFactorForStaff"] as const;
type SettingsField = (typeof FIELDS)[number];

export async function saveSettings(_previous: FormState<SettingsField>, formData: FormData): Promise<FormState<SettingsField>> {
  if (!isForm(formData)) return notAForm();
  const values = formValues(formData, FIELDS);
  const attempt = Date.now();
  const parsed = settingsFormInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { status: "error", errors: fieldErrors(parsed.error), values, attempt };
  const result = await updateSettings(await getViewer(), parsed.data);
  if (!result.ok) return { status: "error", message: result.message, values, attempt };
  revalidatePath("/", "layout");
  // Settings decide what pages show (comments per page, closing old posts).
  pageCacheChanged();
  return { status: "success", message: result.changed.length ? "Settings saved." : "Nothing changed.", values, attempt };
}
