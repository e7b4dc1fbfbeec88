/**
 * The site's one secret (NEXTAUTH_SECRET), which signs sessions and every link and hash the site
 * makes. Each use mixes in its own label, so one kind of signature never passes for another.
 * `use` completes the error's sentence: "NEXTAUTH_SECRET must be set to <use>."
 */
export function siteSecret(use: string): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error(`NEXTAUTH_SECRET must be set to ${use}.`);
  return value;
}
