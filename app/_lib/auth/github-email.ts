import "server-only";

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/**
 * The address GitHub vouches for: the primary email, and only if GitHub has verified it.
 * (NextAuth's GitHub provider falls back to any listed address, verified or not.)
 */
export async function githubVerifiedEmail(accessToken: string, fetchImpl: typeof fetch = fetch): Promise<string | null> {
  const response = await fetchImpl("https://api.github.com/user/emails", {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json" },
  });
  if (!response.ok) return null;
  const emails = (await response.json()) as GitHubEmail[];
  return Array.isArray(emails) ? (emails.find((entry) => entry.primary && entry.verified)?.email ?? null) : null;
}
