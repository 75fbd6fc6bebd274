import { env } from "@/lib/config/env";
import { deadLetterQueueName } from "@/lib/messaging/booking-queues";
import { connectRabbit, eachBookingQueue } from "@/lib/messaging/rabbit";

/**
 * Deletes every listed sale's queue, the dead-letter queue and any classic `booking_requests`
 * left over, with their messages: for the tests' and the benchmark's own namespaces only.
 * Returns the consumers the sale queues had (a worker still alive from an earlier run).
 */
export async function deleteBookingQueues(purpose: string): Promise<number> {
  const consumers = await eachBookingQueue(purpose, async (channel, queue) => {
    const { consumerCount } = await channel.checkQueue(queue);
    await channel.deleteQueue(queue);
    return consumerCount;
  });
  const connection = await connectRabbit(purpose);
  try {
    const channel = await connection.createChannel();
    await channel.deleteQueue(deadLetterQueueName());
    await channel.deleteQueue(env().BOOKING_QUEUE);
  } finally {
    await connection.close();
  }
  return consumers.reduce((sum, count) => sum + count, 0);
}
