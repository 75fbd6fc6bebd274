import type { BookingStatusView, SaleStatusSummary } from "@/lib/domain/booking/status-view";

/** Status views for the component tests: a live sale at noon UTC with 3 of 10 items left. */
export const SALE_ID = "665f1c2e9d3b4a0012345678";
export const NOON = "2030-01-01T12:00:00.000Z";

export function summary(overrides: Partial<SaleStatusSummary> = {}): SaleStatusSummary {
  return { saleId: SALE_ID, saleStatus: "live", stockLeft: 3, serverTime: NOON, ...overrides };
}

type State = BookingStatusView["state"];
type ViewOf<S extends State> = Extract<BookingStatusView, { state: S }>;

const DEFAULTS: { [S in State]: Omit<ViewOf<S>, keyof SaleStatusSummary> } = {
  none: { state: "none" },
  prequeued: { state: "prequeued", bookingId: "b-1", startsAt: "2030-01-01T12:10:00.000Z", prequeueSize: 12 },
  queued: { state: "queued", bookingId: "b-1", ticket: 42, position: 7, estimatedWaitSeconds: 90 },
  hold: { state: "hold", bookingId: "b-1", ticket: 42, expiresAt: "2030-01-01T12:05:00.000Z", holdSeconds: 300 },
  waitlisted: { state: "waitlisted", bookingId: "b-1", ticket: 42, waitlistPosition: 2 },
  booked: { state: "booked", bookingId: "b-1" },
  sold_out: { state: "sold_out" },
  expired: { state: "expired", bookingId: "b-1" },
  cancelled: { state: "cancelled", bookingId: "b-1" },
  rejected: { state: "rejected", reason: "The sale ended before your turn." },
};

export function viewOf<S extends State>(state: S, overrides: Partial<ViewOf<S>> = {}): ViewOf<S> {
  return { ...summary(), ...DEFAULTS[state], ...overrides } as unknown as ViewOf<S>;
}
