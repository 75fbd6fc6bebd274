import type { ChannelModel, GetMessage } from "amqplib";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { parseBookingRequest } from "@/lib/messaging/booking-request";
import { assertBookingQueue, assertDeadLetterQueue, bookingQueueName, deadLetterQueueName, registerBookingQueue } from "@/lib/messaging/booking-queues";
import { redis } from "@/lib/redis/client";
import { BOOKING_MIGRATION_LOCK_KEY } from "@/lib/redis/keys";

const BATCH = 200;
const LOCK_MS = 120_000;

/**
 * Moves the messages of the classic `booking_requests` queue (one queue for every sale, before
 * each sale had a quorum queue of its own) to their sales' queues, in queue order, then deletes it.
 *
 * Each batch is published with confirms and only then acknowledged, so a crash in between leaves
 * a message in both queues, never in neither (serving it twice changes nothing). basic.get reads
 * the queue even while an old worker is its active consumer; the queue is deleted only once it is
 * empty and no consumer is left, otherwise the next start moves what came in since. One worker at
 * a time (a Redis lock): two would interleave a sale's messages. Returns the messages moved.
 */
export async function migrateClassicBookingQueue(connection: ChannelModel): Promise<number> {
  const legacy = env().BOOKING_QUEUE;
  const probe = await connection.createChannel();
  probe.on("error", () => {});
  const exists = await probe.checkQueue(legacy).then(
    () => true,
    () => false,
  );
  if (!exists) return 0;
  await probe.close();
  if ((await redis().set(BOOKING_MIGRATION_LOCK_KEY, String(process.pid), "PX", LOCK_MS, "NX")) !== "OK") return 0;

  const channel = await connection.createConfirmChannel();
  const declared = new Set<string>();
  let moved = 0;
  try {
    await assertDeadLetterQueue(channel);
    for (;;) {
      let last: GetMessage | null = null;
      let batch = 0;
      while (batch < BATCH) {
        const message = await channel.get(legacy, { noAck: false });
        if (!message) break;
        last = message;
        batch += 1;
        const saleId = parseBookingRequest(message.content)?.saleId;
        if (saleId && !declared.has(saleId)) {
          await assertBookingQueue(channel, saleId);
          await registerBookingQueue(saleId);
          declared.add(saleId);
        }
        const { messageId, contentType } = message.properties as { messageId?: string; contentType?: string };
        channel.sendToQueue(saleId ? bookingQueueName(saleId) : deadLetterQueueName(), message.content, { persistent: true, messageId, contentType });
      }
      if (!last) break;
      await channel.waitForConfirms();
      channel.ack(last, true);
      moved += batch;
      await redis().pexpire(BOOKING_MIGRATION_LOCK_KEY, LOCK_MS);
    }
    const { messageCount, consumerCount } = await channel.checkQueue(legacy);
    if (messageCount === 0 && consumerCount === 0) {
      await channel.deleteQueue(legacy, { ifEmpty: true });
      logger.warn({ queue: legacy, moved }, "classic booking queue drained into the per-sale quorum queues and deleted");
    } else {
      logger.warn({ queue: legacy, moved, consumerCount }, "classic booking queue still has consumers (old workers): kept; the next worker start moves what remains");
    }
    return moved;
  } finally {
    await channel.close().catch(() => {});
    await redis().del(BOOKING_MIGRATION_LOCK_KEY);
  }
}
