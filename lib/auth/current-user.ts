import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { env } from "@/lib/config/env";
import { DomainError } from "@/lib/errors/domain-error";
import type { UserRole } from "@/lib/db/models/user";

export type SessionUser = { id: string; email: string; role: UserRole };

/**
 * The signed-in user of an API request, read straight from the session JWT (no database trip,
 * which matters on the intent hot path). Throws 401 when there is no valid session.
 */
export async function requireUser(request: NextRequest): Promise<SessionUser> {
  const token = await getToken({ req: request, secret: env().NEXTAUTH_SECRET });
  if (!token?.sub) throw new DomainError("unauthenticated", "Sign in to continue.");
  return { id: token.sub, email: token.email ?? "", role: token.role ?? "shopper" };
}

/** As requireUser, and 403 unless the user has one of the given roles. */
export async function requireRole(request: NextRequest, roles: readonly UserRole[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new DomainError("forbidden", "You do not have access to this area.");
  return user;
}

export const STAFF_ROLES: readonly UserRole[] = ["marketer", "admin"];
