// Empties a test suite's own database, Redis database (or test cluster) and booking queues, so
// every run starts clean.
import { existsSync, realpathSync } from "node:fs";
import { env } from "@/lib/config/env";
import { connectMongo, disconnectMongo, ensureIndexes } from "@/lib/db/connect";
import { deleteBookingQueues } from "@/lib/messaging/delete-booking-queues";
import { closeRedis, redisMasters } from "@/lib/redis/client";
import { TEST_CLUSTER_DIR } from "./test-cluster.mjs";

/**
 * This wipes data: refuse anything but a test configuration of scripts/lib/test-environments.mts.
 * A single Redis must be a numbered database other than 0; a cluster must be the private test
 * cluster (every master keeps its files in this checkout's .run/redis-cluster/, which only
 * `services.mjs up --redis-cluster` makes).
 */
async function assertTestTarget(suffix: string): Promise<void> {
  const config = env();
  const database = new URL(config.MONGODB_URL.replace(/,[^/]*/, "")).pathname.slice(1);
  const redisTarget = config.REDIS_CLUSTER_NODES ? await foreignClusterNodes() : redisDatabaseRefusal(config.REDIS_URL);
  if (!database.endsWith(suffix) || !config.BOOKING_QUEUE.endsWith(suffix) || redisTarget) {
    throw new Error(`refusing to reset a non-test configuration (database ${database}, queue ${config.BOOKING_QUEUE}, redis ${redisTarget || "ok"})`);
  }
}

function redisDatabaseRefusal(url: string): string | undefined {
  const redisDatabase = new URL(url).pathname.slice(1);
  return !redisDatabase || redisDatabase === "0" ? "db 0" : undefined;
}

async function foreignClusterNodes(): Promise<string | undefined> {
  const masters = await redisMasters();
  const ours = existsSync(TEST_CLUSTER_DIR) ? `${realpathSync(TEST_CLUSTER_DIR)}/` : undefined;
  const dirs = await Promise.all(masters.map(async (node) => ((await node.config("GET", "dir")) as string[])[1] ?? ""));
  const foreign = masters.filter((_, i) => !ours || !dirs[i]!.startsWith(ours));
  return foreign.length ? `cluster nodes ${foreign.map((node) => `${node.options.host}:${node.options.port}`).join(", ")} are not the test cluster` : undefined;
}

/**
 * Drops the suite's database and creates every index again before a test runs (the unique ones
 * must be there before the first concurrent inserts). Not deleteMany: FerretDB on PostgreSQL keeps
 * deleted rows until PostgreSQL vacuums them and scans them meanwhile, so a database emptied that
 * way made each run slower than the last (the hot potato took 431 s, against 34 s on a fresh one).
 */
async function recreateDatabase(): Promise<void> {
  const { connection } = await connectMongo();
  await connection.dropDatabase();
  await ensureIndexes();
}

/** Wipes the data of the suite whose database and queue end with `suffix` (`_e2e`, `_test`). */
export async function resetTestData(suffix: string): Promise<void> {
  await assertTestTarget(suffix);
  await recreateDatabase();
  // The queues are listed in Redis: delete them before the list goes with the flush.
  const consumerCount = await deleteBookingQueues("test-reset");
  await Promise.all((await redisMasters()).map((node) => node.flushdb()));
  await Promise.all([disconnectMongo(), closeRedis()]);
  // A worker left running by an earlier, aborted run would serve this run's intents behind its back.
  if (consumerCount > 0) {
    throw new Error(
      `${consumerCount} consumer(s) were on the ${env().BOOKING_QUEUE}.* queues: a worker from an earlier test run is still alive (find it with \`pgrep -af worker/index.ts\`)`,
    );
  }
}
