/** Every refusal the domain can give, and the HTTP status each one maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  proof_invalid: 403,
  not_found: 404,
  method_not_allowed: 405,
  already_queued: 409,
  already_booked: 409,
  conflict: 409,
  hold_expired: 410,
  sold_out: 410,
  sale_ended: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_started: 423,
  paused: 423,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { retryAfterSeconds?: number; allow?: string; closeConnection?: boolean; [key: string]: unknown },
  ) {
    super(message);
    this.name = "DomainError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
