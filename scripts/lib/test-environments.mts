/**
 * The configurations the test suites run with. Each suite gets its own MongoDB database, Redis
 * database, RabbitMQ queue and BullMQ prefix on the same servers, so tests never touch development
 * data, and the integration and e2e suites can run at the same time without meeting.
 */

import { testClusterNodes, testRabbitClusterUrls } from "./test-cluster-ports.mjs";
import { testFerretDbSqliteUrl } from "./test-ferretdb-sqlite-port.mjs";

type Config = Record<string, string | undefined>;

const DEFAULT_MONGODB_URL = "mongodb://127.0.0.1:27017/flashsale";
const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
const DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672";

/** The same MongoDB server, another database: `mongodb://host:port/<database>?options`. */
export function mongoUrlWithDatabase(url: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`MONGODB_URL is not a mongodb:// URL: ${url}`);
  return `${match[1]}/${database}${match[2] ?? ""}`;
}

/** The same Redis server, another numbered database. */
export function redisUrlWithDatabase(url: string, database: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A suite's own MongoDB database, Redis database, queue and BullMQ prefix on the configured servers.
 * RABBITMQ_URL is passed on explicitly: in test mode @next/env skips .env.local, where a second
 * checkout names its own broker.
 */
function suiteStorage(base: Config, suite: { redisDatabase: number; suffix: string }): Record<string, string> {
  // TEST_NAMESPACE lets a second checkout share the servers: its names become `…_<namespace>_test`.
  const suffix = base.TEST_NAMESPACE ? `${base.TEST_NAMESPACE}_${suite.suffix}` : suite.suffix;
  return {
    MONGODB_URL: mongoUrlWithDatabase(base.MONGODB_URL || DEFAULT_MONGODB_URL, `flashsale_${suffix}`),
    REDIS_URL: redisUrlWithDatabase(base.REDIS_URL || DEFAULT_REDIS_URL, suite.redisDatabase),
    RABBITMQ_URL: base.RABBITMQ_URL || DEFAULT_RABBITMQ_URL,
    BOOKING_QUEUE: `booking_requests_${suffix}`,
    BULLMQ_PREFIX: `bull${suffix}`,
  };
}

export function integrationEnv(base: Config = process.env): Record<string, string> {
  return {
    ...suiteStorage(base, { redisDatabase: 2, suffix: "test" }),
    // Cheap proofs of work, so thousands of simulated users solve quickly; every proof is still verified.
    POW_MAX_NUMBER: "1000",
    // Small account budgets, so the tests reach them in a few calls (each sign-up hashes a password).
    SIGNUP_PER_IP_PER_HOUR: "5",
    SIGNIN_FAILURES_PER_ACCOUNT: "3",
    SIGNIN_FAILURES_PER_IP_PER_DAY: "8",
    LOG_LEVEL: "warn",
  };
}

/**
 * The cluster leg: the engine, hold, race and crash files against the private Redis Cluster and
 * 3-node RabbitMQ cluster that `node scripts/services.mjs up --redis-cluster` starts (every node's
 * URL in RABBITMQ_URL, so clients move to another node when theirs goes down). A Redis Cluster has
 * only database 0, and this one holds nothing but this suite's data, so it needs no database
 * number or key namespace; its MongoDB database, queue and BullMQ prefix are its own
 * (`…_cluster_test`), so it can run beside the single-node suite.
 */
export function integrationClusterEnv(base: Config = process.env): Record<string, string> {
  return {
    ...integrationEnv(base),
    ...suiteStorage(base, { redisDatabase: 0, suffix: "cluster_test" }),
    REDIS_CLUSTER_NODES: testClusterNodes(base),
    RABBITMQ_URL: testRabbitClusterUrls(base),
  };
}

/**
 * The SQLite leg: the record-of-truth and hold files against the private FerretDB on SQLite that
 * `node scripts/services.mjs up --ferretdb-sqlite` starts (the usual server runs on PostgreSQL
 * here, and MongoDB must converge on both backends), with a Redis database and queue of its own.
 */
export function integrationSqliteEnv(base: Config = process.env): Record<string, string> {
  return {
    ...integrationEnv(base),
    ...suiteStorage({ ...base, MONGODB_URL: testFerretDbSqliteUrl(base) }, { redisDatabase: 3, suffix: "sqlite_test" }),
    // The bound record-of-truth asserts (README, "The SQLite test leg"): beside the integration leg
    // on 2 cores, SQLite's scans left an outbox undrained past 5 s although every write had landed.
    CONVERGENCE_BOUND_MS: "30000",
  };
}

/**
 * The stack the Playwright suite starts: short holds and a fast sweeper, so expiry is testable.
 * Ports 3100 (web) and 9465 (worker metrics) unless E2E_WEB_PORT / E2E_WORKER_METRICS_PORT say
 * otherwise, so a second checkout on the same machine can run a stack of its own.
 */
export function e2eEnv(base: Config = process.env): Record<string, string> {
  const webPort = base.E2E_WEB_PORT || "3100";
  return {
    ...suiteStorage(base, { redisDatabase: 1, suffix: "e2e" }),
    NEXTAUTH_URL: `http://localhost:${webPort}`,
    PORT: webPort,
    WORKER_METRICS_PORT: base.E2E_WORKER_METRICS_PORT || "9465",
    DEFAULT_HOLD_SECONDS: "8",
    SWEEP_INTERVAL_MS: "1000",
    // The browser still solves a real challenge on every Buy, only a cheap one.
    POW_MAX_NUMBER: "1000",
    // Every browser in the suite signs up from 127.0.0.1; three wrong passwords pause an account.
    SIGNUP_PER_IP_PER_HOUR: "10000",
    SIGNIN_FAILURES_PER_ACCOUNT: "3",
    LOG_LEVEL: "warn",
  };
}
