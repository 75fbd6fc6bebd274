import { loadEnvConfig } from "@next/env";
import { z } from "zod";

// The worker and scripts are not started by Next, so they load .env files the same way Next does.
loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });

const AMQP_URLS = /^\s*amqps?:\/\/[^\s,]+\s*(,\s*amqps?:\/\/[^\s,]+\s*)*$/;
const CLUSTER_NODES = /^\s*[^\s,]+:\d{1,5}\s*(,\s*[^\s,]+:\d{1,5}\s*)*$/;

function parseClusterNodes(list: string): { host: string; port: number }[] {
  return list.split(",").map((node) => {
    const address = node.trim();
    const colon = address.lastIndexOf(":");
    // An IPv6 address comes in brackets, as in URLs: `[::1]:7001`.
    return { host: address.slice(0, colon).replace(/^\[(.*)\]$/, "$1"), port: Number(address.slice(colon + 1)) };
  });
}

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (run `npm run env:init` to generate one)"),
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, "must be a mongodb:// URL").default("mongodb://127.0.0.1:27017/flashsale"),
  // Connections each process may open to MongoDB. Kept small: FerretDB 1.x on PostgreSQL holds
  // one backend connection per running command and may need a second, so more concurrent commands
  // than its pool (50) hang every client. Real MongoDB copes with more; raise it there.
  MONGODB_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(8),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").default("redis://127.0.0.1:6379"),
  // Redis Cluster: some of its nodes as `host:port,host:port` (ioredis discovers the rest). When
  // set, every Redis user (web, worker, BullMQ, rate limits, pub/sub) talks to the cluster, and
  // REDIS_URL only lends its username and password.
  REDIS_CLUSTER_NODES: z.preprocess((value) => (value === "" ? undefined : value), z.string().regex(CLUSTER_NODES, "must be host:port,host:port,…").transform(parseClusterNodes).optional()),
  // One broker, or several nodes of one cluster, comma-separated: a connection goes to the first
  // that answers, and a lost one is replaced by another (lib/messaging/rabbit.ts).
  RABBITMQ_URL: z
    .string()
    .regex(AMQP_URLS, "must be an amqp:// URL, or several separated by commas")
    .default("amqp://guest:guest@127.0.0.1:5672")
    .transform((list) => list.split(",").map((url) => url.trim())),
  // The booking queues' common name: each sale has its own quorum queue `<BOOKING_QUEUE>.<saleId>`,
  // poison messages go to `<BOOKING_QUEUE>.dead-letter` (see lib/messaging/booking-queues.ts).
  BOOKING_QUEUE: z.string().min(1).default("booking_requests"),
  // Deliveries of one message before RabbitMQ dead-letters it. Every worker restart or hand-over
  // returns its prefetched messages and counts as a delivery, so this is well above 1.
  BOOKING_DELIVERY_LIMIT: z.coerce.number().int().min(1).max(1000).default(20),
  BULLMQ_PREFIX: z.string().min(1).default("bull"),
  DEFAULT_HOLD_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  // How long before a sale's start the pre-queue opens. Intents in it are shuffled at the start.
  PREQUEUE_OPENS_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  WORKER_PREFETCH: z.coerce.number().int().min(1).max(5000).default(500),
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  WORKER_GAP_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(5000),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  // Where the worker's metrics listen: 0.0.0.0 in a container, so Prometheus elsewhere can scrape.
  WORKER_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  // How long a worker's claim on a sale's queue lasts without renewal (renewed five times as often):
  // a dead worker's sales are taken over by the others within about this long.
  WORKER_LEASE_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
  // Reverse proxies in front of the web app that append to X-Forwarded-For (0: none). The client's
  // IP, for rate limits, blocks and flags, is the entry this many from the right (see client-info.ts).
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  RATE_LIMIT_USER_PER_10S: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_IP_PER_10S: z.coerce.number().int().min(1).default(2000),
  // Accounts one IP may create per hour, and failed sign-ins before a pause (per account and IP,
  // per IP over a day): scripts cannot mint accounts to get round one-per-user, or guess passwords.
  SIGNUP_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(100),
  SIGNIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  SIGNIN_FAILURES_PER_IP_PER_DAY: z.coerce.number().int().min(1).default(200),
  // Proof of work before queuing: the HMAC key that signs challenges (unset: derived from
  // NEXTAUTH_SECRET, so nothing has to be set) and the largest counter a client must reach.
  POW_HMAC_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  POW_MAX_NUMBER: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEMO_SEED: flag.default(false),
});

export type ServerEnv = z.infer<typeof serverSchema>;

function parseEnv(): ServerEnv {
  const result = serverSchema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}\nSee .env.example for every variable.`);
  }
  return result.data;
}

let cached: ServerEnv | undefined;

/** The validated server environment, parsed once on first use. */
export function env(): ServerEnv {
  cached ??= parseEnv();
  return cached;
}
