import { DelayedError, Worker } from "bullmq";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { bullConnection, bullPrefix, bullQueue, SALE_SCHEDULE_QUEUE, type SaleScheduleJob } from "@/lib/messaging/queues";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { runSaleScheduleJob } from "@/lib/domain/sales/run-sale-schedule-job";
import { sweepSaleSchedule } from "@/lib/domain/sales/sweep-sale-schedule";

const SWEEP_JOB = "sweep";
const SWEEPER_ID = "sale-schedule-sweeper";

/**
 * Runs the sales' start and end jobs: a scheduled sale goes live at startsAt and ends at endsAt.
 * A job that fires before the sale's current time (the sale was moved later while the job was
 * running, so it could not be replaced) is put back until then. A periodic sweep on the same
 * queue flips any sale whose job was lost.
 */
export function startSaleScheduleWorker(): Worker<SaleScheduleJob> {
  bullQueue(SALE_SCHEDULE_QUEUE)
    .upsertJobScheduler(SWEEPER_ID, { every: env().SWEEP_INTERVAL_MS }, { name: SWEEP_JOB })
    .catch((error: unknown) => logger.error({ err: error }, "could not schedule the sale schedule sweep"));

  return new Worker<SaleScheduleJob>(
    SALE_SCHEDULE_QUEUE,
    async (job, token) => {
      if (job.name === SWEEP_JOB) return sweepSaleSchedule(saleEffects);
      const result = await runSaleScheduleJob(job.data.saleId, job.data.action, saleEffects);
      if (result.outcome === "not_due") {
        await job.moveToDelayed(result.dueAt, token);
        throw new DelayedError();
      }
      logger.info({ saleId: job.data.saleId, action: job.data.action, ...result }, "sale schedule job done");
      return result.outcome;
    },
    { connection: bullConnection(), prefix: bullPrefix(), concurrency: 4 },
  );
}
