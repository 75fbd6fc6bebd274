import { env } from "@/lib/config/env";
import { DomainError } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { RATE_LIMIT_PREFIX } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";

const WINDOW_SECONDS = 10;

/** Spends one request of a window's budget; resolves to the ms until the window ends when it was already spent, else null. */
async function spend(key: string, budget: number): Promise<number | null> {
  const [spent, msLeft] = await runScript<[number, number]>(redis(), "rate-limit", [key], [WINDOW_SECONDS]);
  return spent > budget ? msLeft : null;
}

/**
 * Spends one request of the user's and of the IP's budget (10 s windows, keys `rl:user:<id>` and
 * `rl:ip:<ip>`, counted as rate-limiter-flexible counts them). Resolves to the whole seconds until
 * another try is allowed once either is spent, else null. Both go out at once: with auto-pipelining
 * they share one round trip with whatever else the request sends beside them.
 */
export async function spendRateLimit(userId: string, ip: string): Promise<number | null> {
  const config = env();
  const refusals = await Promise.all([
    spend(`${RATE_LIMIT_PREFIX.user}:${userId}`, config.RATE_LIMIT_USER_PER_10S),
    spend(`${RATE_LIMIT_PREFIX.ip}:${ip}`, config.RATE_LIMIT_IP_PER_10S),
  ]);
  const msLeft = Math.max(...refusals.map((ms) => ms ?? -1));
  return msLeft < 0 ? null : secondsUntilRetry({ msBeforeNext: msLeft });
}

/** The 429 of a spent budget, with its Retry-After. */
export function rateLimited(retryAfterSeconds: number): DomainError {
  return new DomainError("rate_limited", `Too many requests. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/** Spends one request of the user's and the IP's budget; 429 with Retry-After once either is spent. */
export async function consumeRateLimit(userId: string, ip: string): Promise<void> {
  const retryAfterSeconds = await spendRateLimit(userId, ip);
  if (retryAfterSeconds !== null) throw rateLimited(retryAfterSeconds);
}

/** Whole seconds (at least one) until a spent budget (a rate-limiter-flexible refusal or ours) allows another try. */
export function secondsUntilRetry(refusal: { msBeforeNext: number }): number {
  return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}
