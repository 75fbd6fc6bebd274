// npm run bench -- [--mode http|engine] [--users N] …: a flash-sale crowd against an isolated
// stack (own Redis, MongoDB database, queue, worker and web), with the invariant checks at the end.
import { execFileSync } from "node:child_process";
import { loadEnvConfig } from "@next/env";
import { parseOptions, type BenchOptions } from "./lib/options";

/** The same MongoDB server, the benchmark's own database. */
function withDatabase(url: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`MONGODB_URL is not a mongodb:// URL: ${url}`);
  return `${match[1]}/${database}${match[2] ?? ""}`;
}

/** Points this process (and the children it starts, which inherit it) at the benchmark's stack. */
function isolate(options: BenchOptions): void {
  execFileSync(process.execPath, ["scripts/env-init.mjs"], { stdio: "ignore" });
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  process.env.MONGODB_URL = withDatabase(options.mongoUrl ?? `mongodb://127.0.0.1:${options.mongoPort}`, options.database);
  process.env.REDIS_URL = options.redisUrl ?? `redis://127.0.0.1:${options.redisPort}`;
  process.env.BOOKING_QUEUE = options.queue;
  process.env.BULLMQ_PREFIX = options.bullPrefix;
  process.env.NEXTAUTH_URL = `http://localhost:${options.webPort}`;
  process.env.POW_MAX_NUMBER = String(options.powMaxNumber);
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? "warn";
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return 0;
  isolate(options);
  // Imported only now: the app's modules read the environment set above.
  const { runBenchmark } = await import("./lib/benchmark");
  return (await runBenchmark(options)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
