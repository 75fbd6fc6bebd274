import type { SaleEffects, SaleJobAction } from "@/lib/domain/sales/sale-effects";
import { drawPrequeue } from "@/lib/domain/admission/draw-prequeue";
import { logger } from "@/lib/log/logger";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { bullQueue, SALE_SCHEDULE_QUEUE, type SaleScheduleJob } from "@/lib/messaging/queues";

/** One job per sale and action. BullMQ refuses custom ids containing ":", hence the dash. */
export function saleJobId(saleId: string, action: SaleJobAction): string {
  return `${saleId}-${action}`;
}

/**
 * Removes the pending job, if any. A job that is running right now is locked and stays (BullMQ
 * answers 0): it is the job doing this very change, or one the sale-schedule worker will find
 * stale against the sale's current times.
 */
async function cancelSaleJob(saleId: string, action: SaleJobAction): Promise<void> {
  await bullQueue<SaleScheduleJob>(SALE_SCHEDULE_QUEUE).remove(saleJobId(saleId, action));
}

/**
 * Replaces the sale's start or end job with one due at `at`. The old job is removed first: BullMQ
 * ignores an add whose id already exists, and a completed job is removed at once for the same reason.
 */
async function scheduleSaleJob(saleId: string, action: SaleJobAction, at: Date): Promise<void> {
  await cancelSaleJob(saleId, action);
  await bullQueue<SaleScheduleJob>(SALE_SCHEDULE_QUEUE).add(
    action,
    { saleId, action },
    {
      jobId: saleJobId(saleId, action),
      delay: Math.max(0, at.getTime() - Date.now()),
      attempts: 10,
      backoff: { type: "exponential", delay: 1000 },
      removeOnComplete: true,
      removeOnFail: 1000,
    },
  );
}

/**
 * Draws the pre-queue right at the start. A failure is logged, not thrown: the sale is live either
 * way, and the worker's sweep draws what is left.
 */
async function drawPrequeueAtStart(saleId: string): Promise<void> {
  try {
    await drawPrequeue(saleId, publishBookingRequest);
  } catch (error) {
    logger.warn({ err: error, saleId }, "pre-queue draw at the start failed; the sweep retries");
  }
}

/** The BullMQ- and RabbitMQ-backed effects of changing a sale, for the web and the worker alike. */
export const saleEffects: SaleEffects = { ...holdEffects, scheduleSaleJob, cancelSaleJob, drawPrequeue: drawPrequeueAtStart };
