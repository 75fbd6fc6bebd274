import { Redis, type RedisOptions } from "ioredis";
import { env } from "@/lib/config/env";

const globalForRedis = globalThis as unknown as { flashSaleRedis?: Redis; flashSaleSubscriber?: Redis };

export function createRedis(options: RedisOptions = {}): Redis {
  return new Redis(env().REDIS_URL, { lazyConnect: false, enableAutoPipelining: true, ...options });
}

/** The shared command connection (cached across hot reloads). */
export function redis(): Redis {
  globalForRedis.flashSaleRedis ??= createRedis();
  return globalForRedis.flashSaleRedis;
}

/** The shared pub/sub connection; a subscribed connection cannot run other commands. */
export function redisSubscriber(): Redis {
  globalForRedis.flashSaleSubscriber ??= createRedis({ enableAutoPipelining: false });
  return globalForRedis.flashSaleSubscriber;
}

export async function closeRedis(): Promise<void> {
  await Promise.all([globalForRedis.flashSaleRedis?.quit(), globalForRedis.flashSaleSubscriber?.quit()]);
  globalForRedis.flashSaleRedis = undefined;
  globalForRedis.flashSaleSubscriber = undefined;
}
