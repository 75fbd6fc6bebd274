import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { STAFF_ROLES } from "@/lib/auth/current-user";
import type { Actor } from "@/lib/domain/admin/actor";

export type StaffAccess = { allowed: true; actor: Actor; session: Session } | { allowed: false };

/**
 * Gate of every admin page: an anonymous visitor goes to sign in and comes back to `path`; a
 * signed-in shopper gets the forbidden view. (The page still answers 200: a real 403 from a page
 * needs Next's experimental `authInterrupts`.)
 */
export async function staffAccess(path: string): Promise<StaffAccess> {
  const session = await getServerSession(authOptions);
  if (!session?.user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (!STAFF_ROLES.includes(session.user.role)) return { allowed: false };
  return { allowed: true, actor: { id: session.user.id, email: session.user.email ?? "" }, session };
}
