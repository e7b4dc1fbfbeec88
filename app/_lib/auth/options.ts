import "server-only";
import type { Account, NextAuthOptions, Profile, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { db } from "@/app/_lib/db";
import { signInInput } from "@/app/_lib/schemas/account";
import { clientAddress } from "@/app/_lib/client-address";
import { sameOriginRedirect } from "@/app/_lib/safe-path";
import { githubVerifiedEmail } from "./github-email";
import { decideOAuthSignIn, redeemLinkToken, type OAuthIdentity } from "./oauth-link";
import { endAllSessions, SESSION_MAX_AGE_SECONDS, SESSION_RENEW_AFTER_SECONDS } from "./sessions";
import { usesSecureCookies } from "./session-lifetime";
import { signInWithPassword } from "./sign-in";
import { CODE_NEEDED, pendingSignInInput } from "@/app/_lib/schemas/two-factor";
import { twoFactorIsOn } from "@/app/_lib/two-factor/check-code";
import { signPendingSignIn } from "@/app/_lib/two-factor/pending-sign-in";
import { completePendingSignIn, secondStepRefusal } from "@/app/_lib/two-factor/sign-in-step";

function oauthProviders(): NextAuthOptions["providers"] {
  const providers: NextAuthOptions["providers"] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    const github = GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET });
    providers.push({
      ...github,
      // Only a primary address GitHub has verified counts as the person's email.
      userinfo: {
        url: "https://api.github.com/user",
        async request({ client, tokens }) {
          const profile = await client.userinfo(tokens.access_token!);
          const verified = await githubVerifiedEmail(tokens.access_token!);
          return { ...profile, email: verified ?? profile.email ?? undefined, email_verified: verified !== null };
        },
      },
    });
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((provider) => ({ id: provider.id, name: provider.name }));
}

/** What the provider said, in the terms decideOAuthSignIn needs; only an explicit "verified" counts. */
function oauthIdentity(account: Account, profile: Profile | undefined, user: User): OAuthIdentity {
  const claims = (profile ?? {}) as Profile & { email_verified?: unknown };
  return {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    email: claims.email ?? user.email ?? "",
    emailVerified: claims.email_verified === true,
    name: user.name ?? claims.name ?? "",
  };
}

/** The account a sign-in resolved to, carried from the signIn callback to the jwt callback. */
type SignedInUser = User & { vettedUserId?: string };

export const authOptions: NextAuthOptions = {
  // Credentials sign-in only works with JWT sessions. The token carries the user id and the
  // user's session version; role and status are read from the database on every request, and a
  // session whose version is behind the user's (sign-out, ban, deletion) signs in no one.
  // A week's lifetime, renewed as the reader comes back (proxy.ts), instead of a fixed month.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_RENEW_AFTER_SECONDS },
  pages: { signIn: "/login" },
  useSecureCookies: usesSecureCookies(),
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        linkToken: { label: "Link", type: "hidden" },
        code: { label: "Code", type: "text" },
        twoFactorToken: { label: "Pending sign-in", type: "hidden" },
      },
      async authorize(credentials, request) {
        const address = clientAddress(new Headers(request?.headers as Record<string, string> | undefined));
        // The second half of a provider sign-in that stopped for a code (callbacks.signIn below).
        if (credentials?.twoFactorToken) {
          const pending = pendingSignInInput.safeParse(credentials);
          if (!pending.success) throw new Error(CODE_NEEDED);
          const completed = await completePendingSignIn(pending.data.twoFactorToken, pending.data.code, address);
          if (!completed.ok) throw new Error(completed.message);
          return completed.user;
        }
        const parsed = signInInput.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const result = await signInWithPassword(parsed.data.email, parsed.data.password, address);
        // NextAuth hands a thrown message to the sign-in form.
        if (!result.ok && result.message) throw new Error(result.message);
        if (!result.ok) return null;
        // A right password is not enough for an account with two-factor on: no session without the code.
        const refusal = await secondStepRefusal(result.user.id, credentials?.code, address);
        if (refusal) throw new Error(refusal);
        // Signing in with the password after an OAuth attempt for this email connects that provider.
        if (typeof credentials?.linkToken === "string" && credentials.linkToken) await redeemLinkToken(credentials.linkToken, result.user);
        return result.user;
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "credentials") return true;
      const decision = await decideOAuthSignIn(oauthIdentity(account, profile, user));
      if (decision.kind === "sign-in") {
        // The provider vouched for the person, not for their second factor: the code is asked next.
        if (await twoFactorIsOn(decision.userId)) return `/login?${new URLSearchParams({ twoFactor: signPendingSignIn(decision.userId) })}`;
        (user as SignedInUser).vettedUserId = decision.userId;
        return true;
      }
      if (decision.kind === "confirm-with-password") return `/login?${new URLSearchParams({ link: decision.linkToken })}`;
      return `/login?${new URLSearchParams({ error: decision.reason })}`;
    },
    async jwt({ token, user, account }) {
      if (user) {
        const userId = account?.provider === "credentials" ? user.id : (user as SignedInUser).vettedUserId;
        if (!userId) throw new Error("Sign-in did not resolve to an account.");
        const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
        return { sub: userId, sv: sessionVersion, iat: token.iat, exp: token.exp, jti: token.jti };
      }
      return { sub: token.sub, sv: token.sv, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    async session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub, sv: typeof token.sv === "number" ? token.sv : 0 } } as typeof session;
    },
    redirect({ url, baseUrl }) {
      return sameOriginRedirect(url, baseUrl);
    },
  },
  events: {
    // Signing out ends every session of the account: a copied cookie stops working at once.
    async signOut({ token }) {
      if (token?.sub) await endAllSessions(token.sub);
    },
  },
};
