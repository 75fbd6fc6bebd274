import { RateLimiterRes } from "rate-limiter-flexible";
import { accountLimiters, secondsLeft, tooManyAttempts } from "@/lib/domain/users/account-limiters";

/** Spends one of the IP's sign-ups for this hour; 429 once they are spent. */
export async function spendSignUp(ip: string): Promise<void> {
  try {
    await accountLimiters().signUpByIp.consume(ip);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    throw tooManyAttempts("Too many accounts were created from your network.", secondsLeft(error));
  }
}
