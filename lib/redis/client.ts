import { Cluster, Redis, type RedisOptions } from "ioredis";
import { env } from "@/lib/config/env";

/** A connection to Redis: one server (REDIS_URL), or a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster;

type ClientOptions = {
  /** Batches concurrent commands into one round trip (off for WATCH and subscriber connections). */
  enableAutoPipelining?: boolean;
  /** `null`: commands wait through reconnects instead of failing (BullMQ requires it). */
  maxRetriesPerRequest?: number | null;
  /** A pub/sub connection; on a cluster it opens one sharded subscriber per master. */
  subscriber?: boolean;
};

/**
 * Commands kept out of auto-pipelining. rate-limiter-flexible defines its script command
 * (`rlflxIncr`) when a limiter is built, but an auto-pipeline copies the custom commands when it
 * is opened: a limiter built while one is pending (likely on a cluster, which holds commands until
 * it knows its slots) fails with "pipeline[functionName] is not a function" (ioredis #1931).
 */
const NOT_AUTO_PIPELINED = ["rlflxIncr"];

const globalForRedis = globalThis as unknown as { flashSaleRedis?: RedisClient; flashSaleSubscriber?: RedisClient; flashSaleBullRedis?: Cluster };

/** True when the app talks to a Redis Cluster: sharded pub/sub, BullMQ's hash-tagged prefix. */
export function isRedisCluster(): boolean {
  return env().REDIS_CLUSTER_NODES !== undefined;
}

/** The one place a Redis connection is built, for one server or a cluster alike. */
export function createRedis(options: ClientOptions = {}): RedisClient {
  const config = env();
  if (config.REDIS_CLUSTER_NODES) return createCluster(config.REDIS_CLUSTER_NODES, options);
  const { subscriber = false, enableAutoPipelining = !subscriber, ...redisOptions } = options;
  return new Redis(config.REDIS_URL, { lazyConnect: false, enableAutoPipelining, autoPipeliningIgnoredCommands: NOT_AUTO_PIPELINED, ...redisOptions });
}

function createCluster(nodes: { host: string; port: number }[], options: ClientOptions): Cluster {
  const { subscriber = false, enableAutoPipelining = !subscriber, ...redisOptions } = options;
  return new Cluster(nodes, {
    enableAutoPipelining,
    autoPipeliningIgnoredCommands: NOT_AUTO_PIPELINED,
    shardedSubscribers: subscriber,
    redisOptions: { ...clusterCredentials(env().REDIS_URL), ...redisOptions },
  });
}

/** A cluster's nodes take REDIS_URL's username and password (its host is not used). */
function clusterCredentials(url: string): Pick<RedisOptions, "username" | "password"> {
  const { username, password } = new URL(url);
  return { username: username ? decodeURIComponent(username) : undefined, password: password ? decodeURIComponent(password) : undefined };
}

/** The shared command connection (cached across hot reloads). */
export function redis(): RedisClient {
  globalForRedis.flashSaleRedis ??= createRedis();
  return globalForRedis.flashSaleRedis;
}

/** The shared pub/sub connection; a subscribed connection cannot run other commands. */
export function redisSubscriber(): RedisClient {
  globalForRedis.flashSaleSubscriber ??= createRedis({ subscriber: true });
  return globalForRedis.flashSaleSubscriber;
}

/**
 * What BullMQ connects with. On one server, options: BullMQ opens its connections from them and
 * closes them with its queues and workers, as before. On a cluster BullMQ needs a Cluster instance
 * (it duplicates it for each worker's blocking connection); one is shared per process and closed
 * by closeRedis, after the queues and workers.
 */
export function bullMQConnection(): Cluster | Pick<RedisOptions, "host" | "port" | "username" | "password" | "db" | "maxRetriesPerRequest"> {
  const config = env();
  if (config.REDIS_CLUSTER_NODES) {
    globalForRedis.flashSaleBullRedis ??= createCluster(config.REDIS_CLUSTER_NODES, { enableAutoPipelining: false, maxRetriesPerRequest: null });
    return globalForRedis.flashSaleBullRedis;
  }
  const url = new URL(config.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
  };
}

/**
 * The servers that hold the data: the one Redis, or every master of the cluster. For commands that
 * act on one node only (SCAN, FLUSHDB, SCRIPT FLUSH), which a cluster would send to a random one.
 */
export async function redisMasters(client: RedisClient = redis()): Promise<Redis[]> {
  if (!(client instanceof Cluster)) return [client];
  await client.ping(); // the cluster knows its nodes once it is ready
  return client.nodes("master");
}

export async function closeRedis(): Promise<void> {
  const { flashSaleRedis, flashSaleSubscriber, flashSaleBullRedis } = globalForRedis;
  globalForRedis.flashSaleRedis = undefined;
  globalForRedis.flashSaleSubscriber = undefined;
  globalForRedis.flashSaleBullRedis = undefined;
  await Promise.all([flashSaleRedis?.quit(), flashSaleSubscriber?.quit(), flashSaleBullRedis?.quit()]);
}
