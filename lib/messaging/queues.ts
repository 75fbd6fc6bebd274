import { Queue, type ConnectionOptions } from "bullmq";
import { env } from "@/lib/config/env";
import { bullMQConnection, isRedisCluster } from "@/lib/redis/client";

/** BullMQ queues: hold expiry (job id = booking id) and sale start/end. */
export const HOLD_EXPIRY_QUEUE = "hold-expiry";
export const SALE_SCHEDULE_QUEUE = "sale-schedule";
export const MAINTENANCE_QUEUE = "maintenance";

export type HoldExpiryJob = { saleId: string; bookingId: string };
export type SaleScheduleJob = { saleId: string; action: "start" | "end" };

export function bullConnection(): ConnectionOptions {
  return bullMQConnection();
}

/**
 * BullMQ's key prefix. A BullMQ script touches several keys of one queue, so on a cluster the
 * prefix carries a hash tag (`{bull}`) that puts all of them in one slot; without it: CROSSSLOT.
 */
export function bullPrefix(): string {
  const prefix = env().BULLMQ_PREFIX;
  return isRedisCluster() && !/\{[^}]+\}/.test(prefix) ? `{${prefix}}` : prefix;
}

const globalForQueues = globalThis as unknown as { flashSaleQueues?: Map<string, Queue> };

/** One Queue object per name and process (producers only; workers live in `worker/`). */
export function bullQueue<T>(name: string): Queue<T> {
  globalForQueues.flashSaleQueues ??= new Map();
  let queue = globalForQueues.flashSaleQueues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection: bullConnection(), prefix: bullPrefix() });
    globalForQueues.flashSaleQueues.set(name, queue);
  }
  return queue as Queue<T>;
}

export async function closeBullQueues(): Promise<void> {
  const queues = [...(globalForQueues.flashSaleQueues?.values() ?? [])];
  globalForQueues.flashSaleQueues?.clear();
  await Promise.all(queues.map((queue) => queue.close()));
}
