import { logger } from "@/lib/log/logger";
import { assertBookingQueue } from "@/lib/messaging/booking-queues";
import { connectRabbit } from "@/lib/messaging/rabbit";

type Connection = Awaited<ReturnType<typeof connectRabbit>>;
type Probe = { connection: Connection; channel: Awaited<ReturnType<Connection["createChannel"]>> };
const globalForProbe = globalThis as unknown as { flashSaleQueueProbe?: Promise<Probe> };

async function openProbe(): Promise<Probe> {
  const connection = await connectRabbit(`admin-stats-${process.pid}`);
  const channel = await connection.createChannel();
  // A failed declaration closes the channel; the next read opens a fresh one.
  const forget = () => {
    globalForProbe.flashSaleQueueProbe = undefined;
  };
  connection.on("close", forget);
  channel.on("close", forget);
  channel.on("error", (error: Error) => logger.warn({ err: error }, "queue depth channel error"));
  return { connection, channel };
}

/**
 * Messages waiting in the sale's own booking queue, or null when RabbitMQ does not answer: the
 * dashboard shows "unknown" rather than failing. Declaring the queue (idempotent) answers for a
 * sale that has no queue yet too.
 */
export async function readQueueDepth(saleId: string): Promise<number | null> {
  try {
    globalForProbe.flashSaleQueueProbe ??= openProbe();
    const { channel } = await globalForProbe.flashSaleQueueProbe;
    return await assertBookingQueue(channel, saleId);
  } catch (error) {
    globalForProbe.flashSaleQueueProbe = undefined;
    logger.warn({ err: error }, "could not read the booking queue depth");
    return null;
  }
}
