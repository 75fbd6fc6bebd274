/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot bounce a user
 * to another origin. next-auth itself passes absolute URLs; those keep only their path.
 */
export function safeCallbackUrl(raw: string | string[] | undefined | null): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return "/";
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return value;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

/** The sign-in page, coming back to `path` afterwards. */
export function signInUrl(path: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}

/** The sign-up page, coming back to `path` afterwards. */
export function signUpUrl(path: string): string {
  return `/signup?callbackUrl=${encodeURIComponent(path)}`;
}
