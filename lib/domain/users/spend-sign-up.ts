import { RateLimiterRes } from "rate-limiter-flexible";
import { secondsUntilRetry } from "@/lib/domain/admission/rate-limit";
import { accountLimiters, tooManyAttempts } from "@/lib/domain/users/account-limiters";
import { metrics } from "@/lib/metrics/registry";

/** Spends one of the IP's sign-ups for this hour; 429 once they are spent. */
export async function spendSignUp(ip: string): Promise<void> {
  try {
    await accountLimiters().signUpByIp.consume(ip);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    metrics().accountAttempts.inc({ action: "sign_up", outcome: "refused_ip_budget" });
    throw tooManyAttempts("Too many accounts were created from your network.", secondsUntilRetry(error));
  }
}
