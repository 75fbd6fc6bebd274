// npm run bench:sales -- [--workers N] …: drain rates of sales side by side (one alone, one beside a
// paused sale with 10,000 intents queued, two live at once) on the benchmark's own Redis, database
// and queues, with N workers sharing the sales.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import type { SaleDrainOptions } from "./lib/sale-drain";

const HELP = `npm run bench:sales -- [options]

  --workers N               workers sharing the sales' queues                       [1]
  --intents N               intents per measured sale                                [5000]
  --paused-intents N        intents queued in the paused sale                        [10000]
  --stock N / --waitlist-max N  (small: most intents sell out, so the rate is the
                            queue's and the worker's, not MongoDB's)              [100 / 100]
  --redis-port N            port of the private redis-server                         [6393]
  --redis-url URL           use this Redis instead (it must hold nothing else of value)
  --mongo-url URL           MongoDB server; the database is flashsale_bench_sales
                                                          [mongodb://127.0.0.1:27017]
  --queue NAME              booking queue name           [booking_requests_bench_sales]
  --worker-metrics-port N   first worker's metrics port (the next ones count up)    [9590]
  --drain-seconds N         bound on each drain                                      [120]
  --out DIR                 results folder                                  [bench/results]`;

function parse(argv: string[]): (SaleDrainOptions & { mongoUrl: string; queue: string }) | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      workers: { type: "string" },
      intents: { type: "string" },
      "paused-intents": { type: "string" },
      stock: { type: "string" },
      "waitlist-max": { type: "string" },
      "redis-port": { type: "string" },
      "redis-url": { type: "string" },
      "mongo-url": { type: "string" },
      queue: { type: "string" },
      "worker-metrics-port": { type: "string" },
      "drain-seconds": { type: "string" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return null;
  }
  const int = (value: string | undefined, fallback: number) => {
    const number = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`not a positive integer: ${value}`);
    return number;
  };
  return {
    workers: int(values.workers, 1),
    intents: int(values.intents, 5000),
    pausedIntents: int(values["paused-intents"], 10_000),
    stock: int(values.stock, 100),
    waitlistMax: int(values["waitlist-max"], 100),
    redisPort: int(values["redis-port"], 6393),
    redisUrl: values["redis-url"] ?? null,
    mongoUrl: values["mongo-url"] ?? "mongodb://127.0.0.1:27017",
    queue: values.queue ?? "booking_requests_bench_sales",
    workerMetricsPort: int(values["worker-metrics-port"], 9590),
    drainSeconds: int(values["drain-seconds"], 120),
    out: values.out ?? "bench/results",
  };
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  if (!options) return 0;
  execFileSync(process.execPath, ["scripts/env-init.mjs"], { stdio: "ignore" });
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  // The benchmark's own stack: the children it starts inherit these.
  const server = /^mongodb(?:\+srv)?:\/\/[^/?]+/.exec(options.mongoUrl)?.[0];
  if (!server) throw new Error(`--mongo-url is not a mongodb:// URL: ${options.mongoUrl}`);
  process.env.MONGODB_URL = `${server}/flashsale_bench_sales`;
  process.env.REDIS_URL = options.redisUrl ?? `redis://127.0.0.1:${options.redisPort}`;
  process.env.BOOKING_QUEUE = options.queue;
  process.env.BULLMQ_PREFIX = "bullbenchsales";
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? "warn";
  // The bench admits tens of thousands from a few hundred addresses in seconds.
  process.env.RATE_LIMIT_IP_PER_10S = "1000000";
  const { runSaleDrain } = await import("./lib/sale-drain");
  return (await runSaleDrain(options)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
