export type SaleStatusSummary = {
  saleId: string;
  saleStatus: string;
  stockLeft: number;
  /** Items held right now (so a page can tell "held by others" from "sold"); absent from older servers. */
  holds?: number;
  /** The server's clock, so the client can correct its own for the hold countdown. */
  serverTime: string;
};

export type BookingStatusView = SaleStatusSummary &
  (
    | { state: "none" }
    /** Joined before the start: a random place in line is drawn for everyone in the pre-queue at `startsAt`. */
    | { state: "prequeued"; bookingId: string; startsAt: string; prequeueSize: number }
    | { state: "queued"; bookingId: string; ticket: number; position: number; estimatedWaitSeconds: number | null }
    | { state: "hold"; bookingId: string; ticket: number; expiresAt: string; holdSeconds: number }
    | { state: "waitlisted"; bookingId: string; ticket: number; waitlistPosition: number }
    /** `reference`: the booking's shopper-facing reference (booking-reference.ts). */
    | { state: "booked"; bookingId: string; reference?: string }
    | { state: "sold_out" }
    | { state: "expired"; bookingId: string }
    | { state: "cancelled"; bookingId: string }
    /** `canRetry`: the request was lost on its way to the queue, and Buy may be pressed again. */
    | { state: "rejected"; reason: string; canRetry?: boolean }
  );
