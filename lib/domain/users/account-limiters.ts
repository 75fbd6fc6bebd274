import { RateLimiterRedis } from "rate-limiter-flexible";
import { env } from "@/lib/config/env";
import { DomainError } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { RATE_LIMIT_PREFIX } from "@/lib/redis/keys";

const HOUR = 60 * 60;
const ACCOUNT_WINDOW_SECONDS = 15 * 60;
const DAY = 24 * HOUR;

let limiters: { signUpByIp: RateLimiterRedis; failuresByAccount: RateLimiterRedis; failuresByIp: RateLimiterRedis } | undefined;

/** The account budgets (rate-limiter-flexible on Redis), made once per process. */
export function accountLimiters() {
  if (limiters) return limiters;
  const config = env();
  limiters = {
    signUpByIp: new RateLimiterRedis({ storeClient: redis(), keyPrefix: RATE_LIMIT_PREFIX.signUpIp, points: config.SIGNUP_PER_IP_PER_HOUR, duration: HOUR }),
    failuresByAccount: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: RATE_LIMIT_PREFIX.signInFailuresAccount,
      points: config.SIGNIN_FAILURES_PER_ACCOUNT,
      duration: ACCOUNT_WINDOW_SECONDS,
    }),
    failuresByIp: new RateLimiterRedis({
      storeClient: redis(),
      keyPrefix: RATE_LIMIT_PREFIX.signInFailuresIp,
      points: config.SIGNIN_FAILURES_PER_IP_PER_DAY,
      duration: DAY,
    }),
  };
  return limiters;
}

/** The 429 a spent budget answers, saying when to try again. */
export function tooManyAttempts(message: string, retryAfterSeconds: number): DomainError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError("rate_limited", `${message} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { retryAfterSeconds });
}
