import type { Challenge } from "altcha-lib";
import type { BookingStatusView, SaleFrontier } from "@/lib/domain/booking/status-view";

/** A refusal from the booking API, as `{error: {code, message}}` plus what the headers said. */
export type ApiRefusal = { status: number; code: string; message: string; retryAfterSeconds: number | null };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; refusal: ApiRefusal };

/** In line with a ticket, or (before the start) in the pre-queue without one. */
export type IntentAccepted =
  | { prequeued: false; ticket: number; position: number; bookingId: string; statusUrl: string }
  | { prequeued: true; ticket: null; position: null; bookingId: string; statusUrl: string };
export type BookingRecord = { booking: { id: string; saleId: string; status: string } };

const NETWORK_REFUSAL: ApiRefusal = {
  status: 0,
  code: "network",
  message: "We could not reach the shop. Check your connection and try again.",
  retryAfterSeconds: null,
};

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

async function callApi<T>(url: string, init: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", ...init });
  } catch {
    return { ok: false, refusal: NETWORK_REFUSAL };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as T };
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    ok: false,
    refusal: {
      status: response.status,
      code: typeof error?.code === "string" ? error.code : "unknown",
      message: typeof error?.message === "string" ? error.message : `The shop answered ${response.status}. Please try again.`,
      retryAfterSeconds: parseRetryAfter(response.headers.get("Retry-After")),
    },
  };
}

const json = { "Content-Type": "application/json" };

/**
 * A proof-of-work challenge for this user and sale, to solve before posting an intent. The status
 * view carries one wherever Buy is open; this is for when it has expired.
 */
export function fetchChallenge(saleId: string): Promise<ApiResult<Challenge>> {
  return callApi(`/api/sales/${encodeURIComponent(saleId)}/challenge`, { method: "GET" });
}

/** A challenge must leave this long to solve and post before the server's expiry. */
const CHALLENGE_MARGIN_MS = 30_000;

/**
 * The challenge for Buy: the one the status view brought (no request), unless it is missing or
 * about to expire by the server's clock; then a fresh one from the challenge endpoint.
 */
export function challengeFor(saleId: string, view: BookingStatusView, clockOffsetMs: number, nowMs = Date.now()): Promise<ApiResult<Challenge>> {
  const expiresAtMs = (view.challenge?.parameters.expiresAt ?? 0) * 1000;
  if (view.challenge && expiresAtMs - (nowMs + clockOffsetMs) > CHALLENGE_MARGIN_MS) return Promise.resolve({ ok: true, data: view.challenge });
  return fetchChallenge(saleId);
}

export function requestIntent(saleId: string, proof: string): Promise<ApiResult<IntentAccepted>> {
  return callApi(`/api/sales/${encodeURIComponent(saleId)}/intents`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ proof }),
  });
}

export function confirmBooking(bookingId: string): Promise<ApiResult<BookingRecord>> {
  return callApi(`/api/bookings/${encodeURIComponent(bookingId)}`, {
    method: "PUT",
    headers: json,
    body: JSON.stringify({ status: "booked" }),
  });
}

export function cancelBooking(bookingId: string): Promise<ApiResult<BookingRecord>> {
  return callApi(`/api/bookings/${encodeURIComponent(bookingId)}`, {
    method: "DELETE",
    headers: json,
    body: JSON.stringify({ status: "deleted" }),
  });
}

export function fetchBookingStatus(saleId: string): Promise<ApiResult<BookingStatusView>> {
  return callApi(`/api/sales/${encodeURIComponent(saleId)}/status`, { method: "GET" });
}

/** The sale's frontier, the same for every shopper: cacheable, so a CDN may answer it. */
export function fetchFrontier(saleId: string): Promise<ApiResult<SaleFrontier>> {
  return callApi(`/api/sales/${encodeURIComponent(saleId)}/frontier`, { method: "GET", cache: "default" });
}
