import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/config/env";
import { DomainError } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { RATE_LIMIT_PREFIX } from "@/lib/redis/keys";
import { verifyCredentials, type VerifiedUser } from "@/lib/domain/users/verify-credentials";

const HOUR = 60 * 60;
const ACCOUNT_WINDOW_SECONDS = 15 * 60;
const DAY = 24 * HOUR;

let limiters: { signUpByIp: RateLimiterRedis; failuresByAccount: RateLimiterRedis; failuresByIp: RateLimiterRedis } | undefined;

function accountLimiters() {
  const config = env();
  limiters ??= {
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

const secondsLeft = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

function tooMany(message: string, retryAfterSeconds: number): DomainError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError("rate_limited", `${message} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { retryAfterSeconds });
}

/** Spends one of the IP's sign-ups for this hour; 429 once they are spent. */
export async function spendSignUp(ip: string): Promise<void> {
  try {
    await accountLimiters().signUpByIp.consume(ip);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw tooMany("Too many accounts were created from your network.", secondsLeft(error));
  }
}

/**
 * Checks a password, unless this account (from this IP) has failed SIGNIN_FAILURES_PER_ACCOUNT
 * times in a 15-minute window, or this IP SIGNIN_FAILURES_PER_IP_PER_DAY times in a day: then a
 * 429-coded DomainError until that window ends, and the password is not even looked at.
 * Every attempt is counted before the check (so a burst of parallel guesses cannot slip past the
 * count) and given back when it succeeds, which also clears the account's count.
 */
export async function verifyCredentialsThrottled(email: string, password: string, ip: string): Promise<VerifiedUser | null> {
  const { failuresByAccount, failuresByIp } = accountLimiters();
  const accountKey = `${email.toLowerCase()}|${ip}`;
  const counted = await Promise.allSettled([failuresByAccount.consume(accountKey), failuresByIp.consume(ip)]);
  const refused = counted.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
  for (const reason of refused) if (!(reason instanceof RateLimiterRes)) throw reason;
  if (refused.length > 0) {
    throw tooMany("Too many failed sign-in attempts.", Math.max(...(refused as RateLimiterRes[]).map(secondsLeft)));
  }

  const user = await verifyCredentials(email, password);
  if (user) await Promise.all([failuresByAccount.delete(accountKey), failuresByIp.reward(ip, 1)]);
  return user;
}
