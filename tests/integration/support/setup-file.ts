// Runs around every integration test file.
import { afterAll } from "vitest";
import { disconnectMongo } from "@/lib/db/connect";
import { closeRedis } from "@/lib/redis/client";
import { stopAllWorkers } from "./harness";

// After the file's own hooks (after-hooks run in reverse order): a worker a file left running
// would consume the next file's intents, so it is killed (startWorker refuses a second worker, so
// a forgotten stopWorker fails loudly); then the file's connections close, so nothing keeps the
// test process alive.
afterAll(async () => {
  await stopAllWorkers();
  await Promise.all([disconnectMongo(), closeRedis()]);
});
