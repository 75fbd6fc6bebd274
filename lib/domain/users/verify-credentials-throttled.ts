import { RateLimiterRes } from "rate-limiter-flexible";
import { secondsUntilRetry } from "@/lib/domain/admission/rate-limit";
import { accountLimiters, tooManyAttempts } from "@/lib/domain/users/account-limiters";
import { verifyCredentials, type VerifiedUser } from "@/lib/domain/users/verify-credentials";
import { metrics } from "@/lib/metrics/registry";

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
    metrics().accountAttempts.inc({ action: "sign_in", outcome: "paused" });
    throw tooManyAttempts("Too many failed sign-in attempts.", Math.max(...(refused as RateLimiterRes[]).map(secondsUntilRetry)));
  }

  const user = await verifyCredentials(email, password);
  metrics().accountAttempts.inc({ action: "sign_in", outcome: user ? "signed_in" : "wrong_password" });
  if (user) await Promise.all([failuresByAccount.delete(accountKey), failuresByIp.reward(ip, 1)]);
  return user;
}
