import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { signInUrl } from "@/components/auth/callback-url";

/** The session of a protected page; an anonymous visitor goes to sign-in and comes back to `path`. */
export async function requireSession(path: string): Promise<Session> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect(signInUrl(path));
  return session;
}
