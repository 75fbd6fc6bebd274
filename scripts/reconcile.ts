// npm run reconcile [-- --force] [-- <saleId>] — rebuild sales' Redis state from MongoDB
import { disconnectMongo } from "@/lib/db/connect";
import { bookingQueueDepth } from "@/lib/messaging/rabbit";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { closeBullQueues } from "@/lib/messaging/queues";
import { closeRedis } from "@/lib/redis/client";
import { reconcileOpenSales, reconcileSale } from "@/lib/domain/reconcile/reconcile-sale";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const saleId = args.find((arg) => !arg.startsWith("--"));
  const options = { force, queuedTickets: await bookingQueueDepth() };
  const results = saleId ? [await reconcileSale(saleId, holdEffects, options)] : await reconcileOpenSales(holdEffects, options);
  for (const result of results) {
    console.log(
      result.rebuilt
        ? `rebuilt ${result.saleId}: ${result.available} available, ${result.holds} holds, ${result.booked} booked, ${result.waitlisted} waitlisted`
        : `kept ${result.saleId}: Redis already has it (use --force with web and worker stopped to rebuild anyway)`,
    );
  }
  if (results.length === 0) console.log("no open sales to reconcile");
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => Promise.all([disconnectMongo(), closeRedis(), closeBullQueues()]));
