// next-auth configuration: email + password, plus GitHub when GITHUB_ID and GITHUB_SECRET are set.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { env } from "../env";
import { findUserByEmail, linkGithubAccount } from "../db/accounts";
import { clientAddress } from "./client-address";
import { TOO_MANY_ATTEMPTS, allowLoginAttempt } from "./login-limit";
import { verifyPassword } from "./passwords";

const noNul = (s: string) => !s.includes("\u0000");
const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320).refine(noNul), password: z.string().min(1).max(200).refine(noNul) });

// Compared against when the email is unknown, so a miss costs as long as a wrong password.
const DUMMY_HASH = "$2b$12$1KsSsCWgZ7//bil2vCCEX.YIMJW7FXZSkrTSMN91buCu7ppW3Sj0y";

async function authorizeWithPassword(raw: unknown, req?: { headers?: Record<string, string | string[] | undefined> }) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  // next-auth turns this error into ?error=TooManyAttempts for the sign-in form.
  const attempt = await allowLoginAttempt(parsed.data.email, clientAddress(req?.headers?.["x-forwarded-for"]));
  if (!attempt.allowed) throw new Error(TOO_MANY_ATTEMPTS);
  const user = await findUserByEmail(parsed.data.email);
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok) return null;
  await attempt.succeeded();
  return { id: user.id, email: user.email, name: user.name };
}

export function authOptions(): NextAuthOptions {
  const { GITHUB_ID, GITHUB_SECRET, NEXTAUTH_SECRET } = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeWithPassword,
    }),
  ];
  if (GITHUB_ID && GITHUB_SECRET) providers.push(GitHubProvider({ clientId: GITHUB_ID, clientSecret: GITHUB_SECRET }));

  return {
    secret: NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers,
    callbacks: {
      // GitHub signs in only people who already have an account with the same email,
      // so OAuth cannot create members nobody invited.
      async signIn({ user, account }) {
        if (account?.provider !== "github") return true;
        const linked = user.email ? await linkGithubAccount(user.email, account.providerAccountId) : null;
        return linked ? true : "/login?error=NoAccount";
      },
      async jwt({ token, account, user }) {
        if (account?.provider === "github" && token.email) {
          const existing = await findUserByEmail(token.email);
          if (existing) token.sub = existing.id;
        } else if (user) {
          token.sub = user.id;
        }
        // Kept through every refresh of the token (unlike iat), so a session signed in before a
        // password change stays refused however often it is renewed.
        if (user) token.signedInAt = Date.now();
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        session.signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
        return session;
      },
    },
  };
}
