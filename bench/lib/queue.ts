import { execFile } from "node:child_process";
import { env } from "@/lib/config/env";
import { deleteBookingQueues } from "@/lib/messaging/delete-booking-queues";
import { eachBookingQueue } from "@/lib/messaging/rabbit";

/** Deletes the benchmark's queues, so a run starts with no message of an older one (sales declare theirs on first publish). */
export async function resetBenchQueue(): Promise<void> {
  await deleteBookingQueues("bench-setup");
}

export async function deleteBenchQueue(): Promise<void> {
  await deleteBookingQueues("bench-teardown");
}

/** Ready messages over the sales' queues (unacknowledged ones are not counted: stop the consumers first to see them). */
export async function queueDepth(): Promise<{ messages: number; consumers: number }> {
  const counts = await eachBookingQueue("bench-depth", (channel, queue) => channel.checkQueue(queue));
  return { messages: counts.reduce((sum, c) => sum + c.messageCount, 0), consumers: counts.reduce((sum, c) => sum + c.consumerCount, 0) };
}

export type BrokerQueueStats = { messages: number; messageBytes: number; queueMemoryBytes: number } | null;

/**
 * The sales' queues' message count, body bytes and the memory of their Erlang processes, summed,
 * from rabbitmqctl (the management API is not enabled here). Null when rabbitmqctl is missing or refuses.
 */
export function brokerQueueStats(): Promise<BrokerQueueStats> {
  const prefix = `${env().BOOKING_QUEUE}.`;
  return new Promise((resolve) => {
    execFile("rabbitmqctl", ["-q", "list_queues", "name", "messages", "message_bytes", "memory"], { timeout: 20_000 }, (error, stdout) => {
      if (error) return resolve(null);
      let total: BrokerQueueStats = null;
      for (const line of stdout.split("\n")) {
        const [name, messages, bytes, memory] = line.trim().split(/\s+/);
        if (!name?.startsWith(prefix) || name === `${prefix}dead-letter`) continue;
        total ??= { messages: 0, messageBytes: 0, queueMemoryBytes: 0 };
        total.messages += Number(messages);
        total.messageBytes += Number(bytes);
        total.queueMemoryBytes += Number(memory);
      }
      resolve(total);
    });
  });
}
