import { cookies } from "next/headers";
import Link from "next/link";

/**
 * A plain form posting to NextAuth's sign-out endpoint with its CSRF token, so no client
 * JavaScript is needed (and none is shipped to every page for it).
 */
export async function SignOutButton() {
  const jar = await cookies();
  const cookie = jar.get("__Host-next-auth.csrf-token") ?? jar.get("next-auth.csrf-token");
  const csrfToken = cookie?.value.split("|")[0];
  // Without the token NextAuth's own page asks to confirm.
  // An API route, not a page: never prefetched as one.
  if (!csrfToken) return <Link href="/api/auth/signout" prefetch={false}>Sign out</Link>;
  return (
    <form action="/api/auth/signout" method="post" className="inline-form">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/" />
      <button type="submit" className="link-button">
        Sign out
      </button>
    </form>
  );
}
