// Empties the e2e stack's database, Redis database and booking queue, so every Playwright run starts
// clean. Playwright runs it before it starts the worker and the web server (playwright.config.ts).
import { env } from "@/lib/config/env";
import { connectMongo, disconnectMongo } from "@/lib/db/connect";
import { assertBookingQueue, connectRabbit } from "@/lib/messaging/rabbit";
import { closeRedis, redis } from "@/lib/redis/client";

function assertE2eTarget(): void {
  const config = env();
  const database = new URL(config.MONGODB_URL.replace(/,[^/]*/, "")).pathname.slice(1);
  const redisDatabase = new URL(config.REDIS_URL).pathname.slice(1);
  // This wipes data: refuse anything but the e2e configuration of scripts/lib/test-environments.ts.
  if (!database.endsWith("_e2e") || !config.BOOKING_QUEUE.endsWith("_e2e") || !redisDatabase || redisDatabase === "0") {
    throw new Error(`refusing to reset a non-e2e configuration (database ${database}, queue ${config.BOOKING_QUEUE}, redis db ${redisDatabase || 0})`);
  }
}

async function resetE2eData(): Promise<void> {
  assertE2eTarget();
  const { connection: mongo } = await connectMongo();
  if (!mongo.db) throw new Error("mongodb connection has no database");
  const collections = await mongo.db.collections();
  // deleteMany, not dropDatabase: the indexes that back one-per-user must stay in place.
  await Promise.all(collections.map((collection) => collection.deleteMany({})));
  await redis().flushdb();
  const connection = await connectRabbit("e2e-reset");
  const channel = await connection.createChannel();
  await assertBookingQueue(channel);
  await channel.purgeQueue(env().BOOKING_QUEUE);
  await connection.close();
  await Promise.all([disconnectMongo(), closeRedis()]);
}

resetE2eData().then(
  () => console.log("e2e data reset"),
  (error: unknown) => {
    console.error("e2e data reset failed:", error);
    process.exit(1);
  },
);
