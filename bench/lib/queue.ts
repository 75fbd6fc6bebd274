import { execFile } from "node:child_process";
import { env } from "@/lib/config/env";
import { assertBookingQueue, connectRabbit } from "@/lib/messaging/rabbit";

/** Deletes and re-declares the benchmark's queue, so a run starts with no message of an older one. */
export async function resetBenchQueue(): Promise<void> {
  const connection = await connectRabbit("bench-setup");
  const channel = await connection.createChannel();
  await channel.deleteQueue(env().BOOKING_QUEUE);
  await assertBookingQueue(channel);
  await connection.close();
}

export async function deleteBenchQueue(): Promise<void> {
  const connection = await connectRabbit("bench-teardown");
  const channel = await connection.createChannel();
  await channel.deleteQueue(env().BOOKING_QUEUE);
  await connection.close();
}

/** Ready messages (unacknowledged ones are not counted: stop the consumer first to see them). */
export async function queueDepth(): Promise<{ messages: number; consumers: number }> {
  const connection = await connectRabbit("bench-depth");
  const channel = await connection.createChannel();
  const { messageCount, consumerCount } = await channel.checkQueue(env().BOOKING_QUEUE);
  await connection.close();
  return { messages: messageCount, consumers: consumerCount };
}

export type BrokerQueueStats = { messages: number; messageBytes: number; queueMemoryBytes: number } | null;

/**
 * The queue's message count, body bytes and the memory of its Erlang process, from rabbitmqctl
 * (the management API is not enabled here). Null when rabbitmqctl is missing or refuses.
 */
export function brokerQueueStats(): Promise<BrokerQueueStats> {
  const queue = env().BOOKING_QUEUE;
  return new Promise((resolve) => {
    execFile("rabbitmqctl", ["-q", "list_queues", "name", "messages", "message_bytes", "memory"], { timeout: 20_000 }, (error, stdout) => {
      if (error) return resolve(null);
      for (const line of stdout.split("\n")) {
        const [name, messages, bytes, memory] = line.trim().split(/\s+/);
        if (name === queue) return resolve({ messages: Number(messages), messageBytes: Number(bytes), queueMemoryBytes: Number(memory) });
      }
      resolve(null);
    });
  });
}
