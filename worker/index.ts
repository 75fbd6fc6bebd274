// The booking worker: serves the booking_requests.<saleId> queues it holds leases on, in ticket order, expires holds, sweeps, runs sale schedules.
import "./service-name";
import { env } from "@/lib/config/env";
import { connectMongo, disconnectMongo } from "@/lib/db/connect";
import { logger } from "@/lib/log/logger";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { closeBullQueues } from "@/lib/messaging/queues";
import { registerBookingQueue } from "@/lib/messaging/booking-queues";
import { bookingQueueDepth } from "@/lib/messaging/rabbit";
import { closeRedis } from "@/lib/redis/client";
import { reconcileOpenSales } from "@/lib/domain/reconcile/reconcile-sale";
import { BookingConsumer } from "./booking-consumer";
import { startDashboardSampler } from "./dashboard-sampler";
import { startHoldExpiryWorker } from "./hold-expiry-worker";
import { scheduleSweeps, startMaintenanceWorker } from "./maintenance-worker";
import { startOutboxDrainer } from "./outbox-drainer";
import { markRedisBuilt, watchForRedisReset } from "./redis-reset-watch";
import { startMetricsServer } from "./metrics-server";
import { startSaleScheduleWorker } from "./sale-schedule-worker";

// Below docker-compose's stop_grace_period (20 s), so Docker never kills a worker mid-shutdown.
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = env();
  await connectMongo();
  // Redis keeps no data on disk here: a restarted Redis is rebuilt from MongoDB before serving,
  // and again whenever it comes back empty while the worker runs.
  await rebuildOpenSales();
  await markRedisBuilt();

  const metricsServer = await startMetricsServer(config.WORKER_METRICS_HOST, config.WORKER_METRICS_PORT);
  const expiryWorker = startHoldExpiryWorker();
  const maintenanceWorker = await startMaintenanceWorker();
  const drainer = startOutboxDrainer();
  const redisWatch = watchForRedisReset(async () => {
    await rebuildOpenSales();
    await scheduleSweeps();
  }, config.SWEEP_INTERVAL_MS);
  const scheduleWorker = startSaleScheduleWorker();
  startDashboardSampler();
  const consumer = new BookingConsumer();
  await consumer.start();
  logger.info({ queue: config.BOOKING_QUEUE, metricsPort: config.WORKER_METRICS_PORT }, "worker started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker stopping");
    // Unacked messages go back to the queue anyway; never hang a deploy on a stuck dependency.
    setTimeout(() => {
      logger.error("graceful shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    redisWatch.stop();
    await consumer.stop();
    await drainer.stop();
    await Promise.all([expiryWorker.close(), maintenanceWorker.close(), scheduleWorker.close()]);
    await closeBullQueues();
    metricsServer.close();
    await Promise.all([disconnectMongo(), closeRedis()]);
    logger.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

async function rebuildOpenSales(): Promise<void> {
  const results = await reconcileOpenSales(holdEffects, { queuedTickets: await bookingQueueDepth() });
  // The list of queues to consume lives in Redis too: an open sale's queue is listed again after a loss.
  await Promise.all(results.map((result) => registerBookingQueue(result.saleId)));
  const rebuilt = results.filter((result) => result.rebuilt);
  if (rebuilt.length) logger.warn({ sales: rebuilt.map((result) => result.saleId) }, "rebuilt sales missing from Redis");
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
