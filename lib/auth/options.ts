import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { throttledSignInError } from "@/lib/auth/sign-in-refusal";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { verifyCredentialsThrottled } from "@/lib/domain/users/verify-credentials-throttled";
import { DomainError } from "@/lib/errors/domain-error";
import { clientIp } from "@/lib/http/client-info";
import type { UserRole } from "@/lib/db/models/user";

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 60 * 60 * 24 * 7 },
  // next-auth's own error page answers some errors with an HTML 500 (`/api/auth/error?error=Configuration`).
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const headers = (request?.headers ?? {}) as Record<string, string | undefined>;
        try {
          const user = await verifyCredentialsThrottled(parsed.data.email, parsed.data.password, clientIp((name) => headers[name]));
          return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
        } catch (error) {
          // next-auth passes only an error's message to the browser.
          if (error instanceof DomainError && error.code === "rate_limited") throw new Error(throttledSignInError(error.details?.retryAfterSeconds ?? 60));
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // next-auth's default throws (a 500) on a posted callbackUrl that is not a URL (it checks only the query's and the cookie's).
    redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackUrl(url)}`,
    jwt({ token, user }) {
      if (user) token.role = user.role;
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.sub ?? "";
        session.user.role = (token.role as UserRole | undefined) ?? "shopper";
      }
      return session;
    },
  },
};
