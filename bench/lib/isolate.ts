import { execFileSync } from "node:child_process";
import { loadEnvConfig } from "@next/env";
import type { BenchOptions } from "./options";

/** The same MongoDB server, the benchmark's own database. */
function withDatabase(url: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`MONGODB_URL is not a mongodb:// URL: ${url}`);
  return `${match[1]}/${database}${match[2] ?? ""}`;
}

/** Points this process (and the children it starts, which inherit it) at the benchmark's stack. */
export function isolate(options: BenchOptions): void {
  execFileSync(process.execPath, ["scripts/env-init.mjs"], { stdio: "ignore" });
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  process.env.MONGODB_URL = withDatabase(options.mongoUrl ?? `mongodb://127.0.0.1:${options.mongoPort}`, options.database);
  process.env.REDIS_URL = options.redisUrl ?? `redis://127.0.0.1:${options.redisPort}`;
  process.env.BOOKING_QUEUE = options.queue;
  process.env.BULLMQ_PREFIX = options.bullPrefix;
  process.env.NEXTAUTH_URL = `http://localhost:${options.webPort}`;
  process.env.POW_MAX_NUMBER = String(options.powMaxNumber);
  process.env.LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? "warn";
  // The client plays a proxy: it writes each simulated user's address in X-Forwarded-For (ten
  // users share one), and server.ts appends the socket's, so the user's is one from the right.
  process.env.TRUSTED_PROXIES = "1";
}
