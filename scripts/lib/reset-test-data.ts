// Empties a test suite's own database, Redis database and booking queues, so every run starts clean.
import { env } from "@/lib/config/env";
import { connectMongo, disconnectMongo } from "@/lib/db/connect";
import { deleteBookingQueues } from "@/lib/messaging/delete-booking-queues";
import { closeRedis, redis } from "@/lib/redis/client";

function assertTestTarget(suffix: string): void {
  const config = env();
  const database = new URL(config.MONGODB_URL.replace(/,[^/]*/, "")).pathname.slice(1);
  const redisDatabase = new URL(config.REDIS_URL).pathname.slice(1);
  // This wipes data: refuse anything but a test configuration of scripts/lib/test-environments.mts.
  if (!database.endsWith(suffix) || !config.BOOKING_QUEUE.endsWith(suffix) || !redisDatabase || redisDatabase === "0") {
    throw new Error(`refusing to reset a non-test configuration (database ${database}, queue ${config.BOOKING_QUEUE}, redis db ${redisDatabase || 0})`);
  }
}

/** Wipes the data of the suite whose database and queue end with `suffix` (`_e2e`, `_test`). */
export async function resetTestData(suffix: string): Promise<void> {
  assertTestTarget(suffix);
  const { connection: mongo } = await connectMongo();
  if (!mongo.db) throw new Error("mongodb connection has no database");
  const collections = await mongo.db.collections();
  // deleteMany, not dropDatabase: the indexes that back one-per-user must stay in place.
  await Promise.all(collections.map((collection) => collection.deleteMany({})));
  // The queues are listed in Redis: delete them before the list goes with the flush.
  const consumerCount = await deleteBookingQueues("test-reset");
  await redis().flushdb();
  await Promise.all([disconnectMongo(), closeRedis()]);
  // A worker left running by an earlier, aborted run would serve this run's intents behind its back.
  if (consumerCount > 0) {
    throw new Error(
      `${consumerCount} consumer(s) were on the ${env().BOOKING_QUEUE}.* queues: a worker from an earlier test run is still alive (find it with \`pgrep -af worker/index.ts\`)`,
    );
  }
}
