// Shared by the server (next-auth's authorize) and the sign-in form: next-auth hands the browser
// only the message of an error thrown in authorize, so a pause travels as "SignInThrottled:<seconds>".
const THROTTLED = "SignInThrottled";

export const throttledSignInError = (retryAfterSeconds: number) => `${THROTTLED}:${retryAfterSeconds}`;

/** The seconds to wait, when next-auth's error is a sign-in pause; null for any other error. */
export function throttledSignInSeconds(error: string | null | undefined): number | null {
  const match = error ? new RegExp(`^${THROTTLED}:(\\d+)$`).exec(error) : null;
  return match ? Number(match[1]) : null;
}
