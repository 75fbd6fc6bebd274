import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import type { JWT } from "next-auth/jwt";
import { env } from "@/lib/config/env";
import { DomainError } from "@/lib/errors/domain-error";
import type { UserRole } from "@/lib/db/models/user";
import type { HandlerRequest } from "@/lib/http/handler-request";

export type SessionUser = { id: string; email: string; role: UserRole };

const derivedKeys = new Map<string, Uint8Array>();

/**
 * next-auth's JWE key: HKDF-SHA-256 of the secret with an empty salt, as its `decode` derives it.
 * Its `decode` derives it again on every call (two thirds of `getToken`'s CPU); the bytes never
 * change for a secret, so they are derived once.
 */
export function sessionKey(secret: string): Uint8Array {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    derivedKeys.set(secret, key);
  }
  return key;
}

/** next-auth's `decode` (same algorithm, key and 15 s clock tolerance) with the key derived once. */
export async function decodeSession({ token, secret }: { token?: string; secret: string | Buffer }): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, sessionKey(String(secret)), { clockTolerance: 15 });
  return payload as JWT;
}

/**
 * The session JWT as next-auth's getToken finds it: the session cookie (`__Secure-` prefixed on
 * https), joined from its `.0`, `.1`… chunks when it was split, else an `Authorization: Bearer`.
 */
function sessionToken(request: HandlerRequest): string | null {
  const name = process.env.NEXTAUTH_URL?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  const chunks: [number, string][] = [];
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    const key = pair.slice(0, at).trim();
    if (at > 0 && key.startsWith(name)) chunks.push([Number.parseInt(key.split(".").pop() ?? "0", 10) || 0, pair.slice(at + 1).trim()]);
  }
  if (chunks.length > 0) return chunks.sort(([a], [b]) => a - b).map(([, value]) => value).join("");
  const [scheme, token] = (request.headers.get("authorization") ?? "").split(" ");
  if (scheme !== "Bearer" || !token) return null;
  try {
    return decodeURIComponent(token);
  } catch {
    return null;
  }
}

/**
 * The signed-in user of an API request, read straight from the session JWT (no database trip,
 * which matters on the intent hot path). Throws 401 when there is no valid session.
 */
export async function requireUser(request: HandlerRequest): Promise<SessionUser> {
  const token = await decodeSession({ token: sessionToken(request) ?? undefined, secret: env().NEXTAUTH_SECRET }).catch(() => null);
  if (!token?.sub) throw new DomainError("unauthenticated", "Sign in to continue.");
  return { id: token.sub, email: token.email ?? "", role: token.role ?? "shopper" };
}

/** As requireUser, and 403 unless the user has one of the given roles. */
export async function requireRole(request: HandlerRequest, roles: readonly UserRole[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new DomainError("forbidden", "You do not have access to this area.");
  return user;
}

export const STAFF_ROLES: readonly UserRole[] = ["marketer", "admin"];
