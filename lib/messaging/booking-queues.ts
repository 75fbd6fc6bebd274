import type { Channel } from "amqplib";
import { env } from "@/lib/config/env";
import { redis } from "@/lib/redis/client";
import { BOOKING_QUEUES_KEY } from "@/lib/redis/keys";

/**
 * The one place that maps a sale to its RabbitMQ queue.
 *
 * Each sale has its own durable quorum queue, `booking_requests.<saleId>`: FIFO within the sale,
 * and a paused sale's messages wait in a queue (and a prefetch window) of their own, so they never
 * hold up another sale. Single active consumer keeps one worker serving a sale even when two
 * claim it for a moment; which worker serves which sales is decided by leases in Redis
 * (worker/booking-consumer.ts). RabbitMQ cannot list queues over AMQP, so every sale that has a
 * queue is recorded in a Redis set the workers read.
 */
export function bookingQueueName(saleId: string): string {
  return `${env().BOOKING_QUEUE}.${saleId}`;
}

/** Messages RabbitMQ gave up on (delivered `BOOKING_DELIVERY_LIMIT` times) or that did not parse. */
export function deadLetterQueueName(): string {
  return `${env().BOOKING_QUEUE}.dead-letter`;
}

export async function assertDeadLetterQueue(channel: Channel): Promise<void> {
  await channel.assertQueue(deadLetterQueueName(), { durable: true, arguments: { "x-queue-type": "quorum" } });
}

/**
 * Declares a sale's queue (and the dead-letter queue it feeds); returns its ready messages.
 * Every declaration must use the same arguments, or RabbitMQ refuses it, so they live here.
 */
export async function assertBookingQueue(channel: Channel, saleId: string): Promise<number> {
  await assertDeadLetterQueue(channel);
  const { messageCount } = await channel.assertQueue(bookingQueueName(saleId), {
    durable: true,
    arguments: {
      "x-queue-type": "quorum",
      "x-single-active-consumer": true,
      "x-delivery-limit": env().BOOKING_DELIVERY_LIMIT,
      "x-dead-letter-exchange": "",
      "x-dead-letter-routing-key": deadLetterQueueName(),
    },
  });
  return messageCount;
}

/** Lists a sale's queue for the workers; idempotent. */
export async function registerBookingQueue(saleId: string): Promise<void> {
  await redis().sadd(BOOKING_QUEUES_KEY, saleId);
}

/** Sales whose queue the workers consume. */
export function listBookingQueues(): Promise<string[]> {
  return redis().smembers(BOOKING_QUEUES_KEY);
}

/** Takes a drained queue of an ended sale off the workers' list (the queue itself stays, empty). */
export async function unregisterBookingQueue(saleId: string): Promise<void> {
  await redis().srem(BOOKING_QUEUES_KEY, saleId);
}
