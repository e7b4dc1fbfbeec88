import "server-only";
import { db } from "@/app/_lib/db";
import { nameField } from "@/app/_lib/schemas/account";
import { openNote, signNote } from "./signed-note";

/** What a provider says about the person signing in, reduced to what the decision needs. */
export type OAuthIdentity = { provider: string; providerAccountId: string; email: string; emailVerified: boolean; name: string };

export type OAuthDecision =
  | { kind: "sign-in"; userId: string }
  /** The email belongs to an account with a password: its owner proves it once to connect the provider. */
  | { kind: "confirm-with-password"; linkToken: string; email: string }
  | { kind: "refused"; reason: "unverified-email" | "no-email" | "closed-account" | "banned" };

const LINK_TOKEN_SECONDS = 15 * 60;

const PURPOSE = "oauth-link";

/** A short-lived, signed promise that this provider identity showed this email, to redeem with the password. */
export function signLinkToken(identity: Pick<OAuthIdentity, "provider" | "providerAccountId" | "email">, now = new Date()): string {
  return signNote(PURPOSE, [identity.provider, identity.providerAccountId, identity.email], now);
}

export function verifyLinkToken(token: string, now = new Date()): { provider: string; providerAccountId: string; email: string } | null {
  const values = openNote(PURPOSE, token, 3, LINK_TOKEN_SECONDS, now);
  if (!values) return null;
  const [provider, providerAccountId, email] = values as [string, string, string];
  return { provider, providerAccountId, email };
}

/** A provider's display name, if the site would accept it as a name; else the email's first part. */
function acceptableName(name: string, email: string): string {
  const parsed = nameField.safeParse(name);
  if (parsed.success) return parsed.data;
  const fallback = nameField.safeParse(email.split("@")[0]);
  return fallback.success ? fallback.data : "Reader";
}

/**
 * Who an OAuth sign-in is. An identity already connected signs in as its account. Otherwise the
 * email decides, and only if the provider verified it (an unverified address is anyone's claim):
 * a new address makes a new account; an account that signs in only through providers is joined;
 * an account with a password is never joined silently: its owner enters the password once.
 */
export async function decideOAuthSignIn(identity: OAuthIdentity, now = new Date()): Promise<OAuthDecision> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select: { id: true, deletedAt: true, status: true } } },
  });
  if (linked?.user.deletedAt) return { kind: "refused", reason: "closed-account" };
  // The same rule as a password sign-in: a banned account signs in no one, by any route.
  if (linked?.user.status === "BANNED") return { kind: "refused", reason: "banned" };
  if (linked) return { kind: "sign-in", userId: linked.user.id };
  const email = identity.email.trim().toLowerCase();
  if (!email) return { kind: "refused", reason: "no-email" };
  if (!identity.emailVerified) return { kind: "refused", reason: "unverified-email" };

  const existing = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, deletedAt: true, status: true } });
  if (existing?.deletedAt) return { kind: "refused", reason: "closed-account" };
  if (existing?.status === "BANNED") return { kind: "refused", reason: "banned" };
  if (existing?.passwordHash) return { kind: "confirm-with-password", email, linkToken: signLinkToken({ ...identity, email }, now) };
  const userId =
    existing?.id ?? (await db.user.create({ data: { email, name: acceptableName(identity.name, email), emailVerified: now }, select: { id: true } })).id;
  await db.account.create({ data: { userId, type: "oauth", provider: identity.provider, providerAccountId: identity.providerAccountId } });
  // The provider verified this address, so joining it verifies the account's too.
  if (existing) await db.user.updateMany({ where: { id: existing.id, emailVerified: null }, data: { emailVerified: now } });
  return { kind: "sign-in", userId };
}

/** After the password proved the account: connects the provider identity the token names. */
export async function redeemLinkToken(token: string, user: { id: string; email: string }, now = new Date()): Promise<boolean> {
  const link = verifyLinkToken(token, now);
  if (!link || link.email !== user.email.toLowerCase()) return false;
  await db.account.upsert({
    where: { provider_providerAccountId: { provider: link.provider, providerAccountId: link.providerAccountId } },
    update: {},
    create: { userId: user.id, type: "oauth", provider: link.provider, providerAccountId: link.providerAccountId },
  });
  // Links are only made for an address the provider has verified: the account's address now is.
  await db.user.updateMany({ where: { id: user.id, emailVerified: null }, data: { emailVerified: now } });
  return true;
}

/** The words the sign-in page shows for each refusal (NextAuth passes them as ?error=). */
export const OAUTH_REFUSALS: Record<Extract<OAuthDecision, { kind: "refused" }>["reason"], string> = {
  "unverified-email": "Your provider has not verified that email address. Verify it there first, or register with a password.",
  "no-email": "Your provider did not share an email address, so we cannot sign you in with it.",
  "closed-account": "That account has been closed.",
  banned: "This account has been banned.",
};
