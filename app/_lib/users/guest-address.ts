import { createHmac } from "node:crypto";
import { siteSecret } from "@/app/_lib/auth/site-secret";

/**
 * An imported guest's email address as the site keeps it: an HMAC under the site's secret, so
 * the address itself is never stored, shown or exported, and a copy of the database alone
 * cannot test guesses against it. The same address always gives the same hash, in any case and
 * with spaces around it, so a reader who later verifies it is recognised.
 * Changing NEXTAUTH_SECRET changes every hash: importing the same file again refreshes them.
 */
export function guestAddressHash(email: string): string | null {
  const address = email.trim().normalize("NFC").toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(address)) return null;
  return createHmac("sha256", siteSecret("recognise imported guests' addresses")).update(`guest-address:${address}`).digest("base64url");
}
