import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/config/env";
import { DomainError } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { RATE_LIMIT_PREFIX } from "@/lib/redis/keys";

const WINDOW_SECONDS = 10;

let limiters: { user: RateLimiterRedis; ip: RateLimiterRedis } | undefined;

function rateLimiters() {
  limiters ??= {
    user: new RateLimiterRedis({ storeClient: redis(), keyPrefix: RATE_LIMIT_PREFIX.user, points: env().RATE_LIMIT_USER_PER_10S, duration: WINDOW_SECONDS }),
    ip: new RateLimiterRedis({ storeClient: redis(), keyPrefix: RATE_LIMIT_PREFIX.ip, points: env().RATE_LIMIT_IP_PER_10S, duration: WINDOW_SECONDS }),
  };
  return limiters;
}

/** Spends one request of the user's and the IP's budget; 429 with Retry-After once either is spent. */
export async function consumeRateLimit(userId: string, ip: string): Promise<void> {
  const { user, ip: byIp } = rateLimiters();
  try {
    await Promise.all([user.consume(userId), byIp.consume(ip)]);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = secondsUntilRetry(error);
    throw new DomainError("rate_limited", `Too many requests. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/** Whole seconds (at least one) until a spent rate-limiter-flexible budget allows another try. */
export function secondsUntilRetry(refusal: RateLimiterRes): number {
  return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}
