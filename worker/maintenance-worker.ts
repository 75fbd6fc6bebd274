import { Worker } from "bullmq";
import { env } from "@/lib/config/env";
import { bullConnection, bullQueue, MAINTENANCE_QUEUE } from "@/lib/messaging/queues";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { sweepSales } from "@/lib/domain/holds/sweep-sales";

const SWEEPER_ID = "sweeper";

/** The periodic sweeper: a BullMQ job scheduler, so one run happens per interval across workers. */
export async function startMaintenanceWorker(): Promise<Worker> {
  await bullQueue(MAINTENANCE_QUEUE).upsertJobScheduler(SWEEPER_ID, { every: env().SWEEP_INTERVAL_MS }, { name: "sweep" });
  return new Worker(MAINTENANCE_QUEUE, () => sweepSales(holdEffects), {
    connection: bullConnection(),
    prefix: env().BULLMQ_PREFIX,
    concurrency: 1,
  });
}
