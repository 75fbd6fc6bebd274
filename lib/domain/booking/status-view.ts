import type { Challenge } from "altcha-lib";

export type SaleStatusSummary = {
  saleId: string;
  saleStatus: string;
  stockLeft: number;
  /** Items held right now (so a page can tell "held by others" from "sold"); absent from older servers. */
  holds?: number;
  /** The server's clock, so the client can correct its own for the hold countdown. */
  serverTime: string;
};

/**
 * What every shopper of a sale shares: the summary plus the queue frontier (the highest ticket
 * served) and the drain rate. Broadcast to every stream and served cacheably, so a queued shopper's
 * position (`queuedPosition`) costs no read of their own.
 */
export type SaleFrontier = SaleStatusSummary & { served: number; drainRate: number | null };

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
  ) & {
    /** Where Buy is open: a signed proof-of-work challenge for this user and sale, so Buy is one request. */
    challenge?: Challenge;
  };

/** A queued ticket's place behind the frontier, and the wait at the measured drain rate. */
export function queuedPosition(ticket: number, served: number, drainRate: number | null): { position: number; estimatedWaitSeconds: number | null } {
  const position = Math.max(ticket - served, 1);
  return { position, estimatedWaitSeconds: drainRate && drainRate > 0 ? Math.ceil(position / drainRate) : null };
}

/** Whether the frontier reached a queued ticket: only then can its holder's own state have changed. */
export function frontierReached(view: BookingStatusView, frontier: Pick<SaleFrontier, "served">): boolean {
  return view.state === "queued" && frontier.served >= view.ticket;
}

/** A view brought up to a newer frontier: the sale's summary, and a queued shopper's position. */
export function applyFrontier(view: BookingStatusView, frontier: SaleFrontier): BookingStatusView {
  const summary = { saleStatus: frontier.saleStatus, stockLeft: frontier.stockLeft, serverTime: frontier.serverTime };
  if (view.state !== "queued") return { ...view, ...summary };
  return { ...view, ...summary, ...queuedPosition(view.ticket, frontier.served, frontier.drainRate) };
}
