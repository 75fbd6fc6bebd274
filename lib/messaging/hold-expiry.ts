import type { HoldEffects, HoldExpiry } from "@/lib/domain/holds/hold-effects";
import { bullQueue, HOLD_EXPIRY_QUEUE, type HoldExpiryJob } from "@/lib/messaging/queues";

/**
 * Schedules each hold's expiry as a delayed BullMQ job whose id is the booking id, so scheduling
 * the same hold twice (a redelivered message) adds one job.
 */
export async function scheduleExpiries(expiries: HoldExpiry[]): Promise<void> {
  const now = Date.now();
  await bullQueue<HoldExpiryJob>(HOLD_EXPIRY_QUEUE).addBulk(
    expiries.map(({ saleId, bookingId, expiresAt }) => ({
      name: "expire-hold",
      data: { saleId, bookingId },
      opts: {
        jobId: bookingId,
        delay: Math.max(0, expiresAt - now),
        attempts: 5,
        backoff: { type: "exponential", delay: 500 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    })),
  );
}

export const holdEffects: HoldEffects = { scheduleExpiries };
