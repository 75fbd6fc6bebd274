import { Worker } from "bullmq";
import { env } from "@/lib/config/env";
import { bullConnection, bullPrefix, bullQueue, MAINTENANCE_QUEUE } from "@/lib/messaging/queues";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { sweepSales } from "@/lib/domain/holds/sweep-sales";
import { drawDuePrequeues } from "@/lib/domain/admission/draw-prequeue";

const SWEEPER_ID = "sweeper";

/**
 * The periodic sweeper: a BullMQ job scheduler, so one run happens per interval across workers.
 * It expires overdue holds, writes leftover outbox records and draws any pre-queue left undrawn.
 */
export async function startMaintenanceWorker(): Promise<Worker> {
  await scheduleSweeps();
  return new Worker(MAINTENANCE_QUEUE, async () => ({ ...(await sweepSales(holdEffects)), drawn: await drawDuePrequeues(publishBookingRequest) }), {
    connection: bullConnection(),
    prefix: bullPrefix(),
    concurrency: 1,
  });
}

/** Puts the sweeper's schedule in place (idempotent): at start, and after Redis came back empty. */
export async function scheduleSweeps(): Promise<void> {
  await bullQueue(MAINTENANCE_QUEUE).upsertJobScheduler(SWEEPER_ID, { every: env().SWEEP_INTERVAL_MS }, { name: "sweep" });
}
