/** A hold's expiry, to be scheduled on a delayed-job queue (job id = booking id). */
export type HoldExpiry = { saleId: string; bookingId: string; expiresAt: number };

/** Side effects the booking rules need from the outside world, passed in by web and worker. */
export type HoldEffects = {
  scheduleExpiries(expiries: HoldExpiry[]): Promise<void>;
};
