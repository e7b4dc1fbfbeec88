import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { db } from "@/app/_lib/db";
import { signInInput } from "@/app/_lib/schemas/account";
import { clientAddress } from "@/app/_lib/client-address";
import { sameOriginRedirect } from "@/app/_lib/safe-path";
import { signInWithPassword } from "./sign-in";

function oauthProviders(): NextAuthOptions["providers"] {
  const providers: NextAuthOptions["providers"] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }));
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((provider) => ({ id: provider.id, name: provider.name }));
}

/** Links an OAuth sign-in to the account with the same verified email, creating one if needed. */
async function userForOAuth(provider: string, providerAccountId: string, email: string, name: string): Promise<string> {
  const linked = await db.account.findUnique({ where: { provider_providerAccountId: { provider, providerAccountId } }, select: { userId: true } });
  if (linked) return linked.userId;
  const user = await db.user.upsert({ where: { email }, update: {}, create: { email, name } });
  await db.account.create({ data: { userId: user.id, type: "oauth", provider, providerAccountId } });
  return user.id;
}

export const authOptions: NextAuthOptions = {
  // Credentials sign-in only works with JWT sessions; the token carries nothing but the user id,
  // and every check of role and status reads the database (see viewer.ts).
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = signInInput.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const headers = new Headers(request?.headers as Record<string, string> | undefined);
        const result = await signInWithPassword(parsed.data.email, parsed.data.password, clientAddress(headers));
        // NextAuth hands a thrown message to the sign-in form.
        if (!result.ok && result.message) throw new Error(result.message);
        return result.ok ? result.user : null;
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account && account.provider !== "credentials") {
        const email = (profile?.email ?? user?.email ?? "").toLowerCase();
        if (!email) throw new Error("The provider did not share an email address.");
        token.sub = await userForOAuth(account.provider, account.providerAccountId, email, user?.name ?? profile?.name ?? email);
      }
      return { sub: token.sub, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    async session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub } } as typeof session;
    },
    redirect({ url, baseUrl }) {
      return sameOriginRedirect(url, baseUrl);
    },
  },
};
