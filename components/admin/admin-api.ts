/** An admin API refusal, with the server's code and message (shown to the marketer as is). */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls an admin API from the browser; throws AdminApiError with the server's message on refusal. */
export async function adminFetch<T>(path: string, method = "GET", body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new AdminApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  const payload = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok) {
    throw new AdminApiError(response.status, payload?.error?.code ?? "internal", payload?.error?.message ?? `Request failed (${response.status}).`);
  }
  return payload as T;
}
