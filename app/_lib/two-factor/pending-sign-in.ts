import "server-only";
import { openNote, signNote } from "@/app/_lib/auth/signed-note";

/**
 * A provider (OAuth) sign-in to an account with two-factor on stops before a session is made:
 * the sign-in page gets this short-lived, signed note of which account the provider vouched for,
 * and only the note together with a right code signs in.
 */
const PENDING_SECONDS = 10 * 60;
const PURPOSE = "two-factor-pending";

export function signPendingSignIn(userId: string, now = new Date()): string {
  return signNote(PURPOSE, [userId], now);
}

/** The account a pending sign-in names, or null for one forged, altered or too old. */
export function verifyPendingSignIn(token: string, now = new Date()): string | null {
  return openNote(PURPOSE, token, 1, PENDING_SECONDS, now)?.[0] ?? null;
}
