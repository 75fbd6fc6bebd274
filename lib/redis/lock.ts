import { randomUUID } from "node:crypto";
import { redis } from "@/lib/redis/client";
import { runScript } from "@/lib/redis/scripts";

/**
 * A lock (or lease) in Redis held by a random token: taken with SET NX PX, extended and released
 * only by the holder (compare-and-expire, compare-and-delete), so a holder whose lock ran out and
 * was taken over never extends or drops the new holder's. Writes the lock guards check the token
 * themselves (in their Lua script) where a stalled holder could otherwise still write.
 */
export type LockToken = string;

export async function acquireLock(key: string, ms: number): Promise<LockToken | null> {
  const token = randomUUID();
  return (await redis().set(key, token, "PX", ms, "NX")) === "OK" ? token : null;
}

/** Extends the lock; false when it is no longer the caller's. */
export async function renewLock(key: string, token: LockToken, ms: number): Promise<boolean> {
  return (await runScript<number>(redis(), "renew-lock", [key], [token, ms])) === 1;
}

export async function releaseLock(key: string, token: LockToken): Promise<void> {
  await runScript(redis(), "release-lock", [key], [token]);
}
