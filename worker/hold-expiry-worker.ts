import { DelayedError, Worker } from "bullmq";
import { metrics } from "@/lib/metrics/registry";
import { bullConnection, bullPrefix, HOLD_EXPIRY_QUEUE, type HoldExpiryJob } from "@/lib/messaging/queues";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { expireHold } from "@/lib/domain/holds/expire-hold";

/** Runs each hold's delayed expiry job; a job that fires early is put back until the hold is due. */
export function startHoldExpiryWorker(): Worker<HoldExpiryJob> {
  return new Worker<HoldExpiryJob>(
    HOLD_EXPIRY_QUEUE,
    async (job, token) => {
      const result = await expireHold(job.data.saleId, job.data.bookingId, holdEffects);
      if (result.outcome === "not_due") {
        await job.moveToDelayed(result.expiresAt + 5, token);
        throw new DelayedError();
      }
      if (result.outcome === "expired") metrics().holdsReleased.inc({ reason: "expired" });
      return result.outcome;
    },
    { connection: bullConnection(), prefix: bullPrefix(), concurrency: 16 },
  );
}
