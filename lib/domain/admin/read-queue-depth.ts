import { env } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { connectRabbit } from "@/lib/messaging/rabbit";

type Connection = Awaited<ReturnType<typeof connectRabbit>>;
type Probe = { connection: Connection; channel: Awaited<ReturnType<Connection["createChannel"]>> };
const globalForProbe = globalThis as unknown as { flashSaleQueueProbe?: Promise<Probe> };

async function openProbe(): Promise<Probe> {
  const connection = await connectRabbit(`admin-stats-${process.pid}`);
  const channel = await connection.createChannel();
  // A failed checkQueue closes the channel; the next read opens a fresh one.
  const forget = () => {
    globalForProbe.flashSaleQueueProbe = undefined;
  };
  connection.on("close", forget);
  channel.on("close", forget);
  channel.on("error", (error: Error) => logger.warn({ err: error }, "queue depth channel error"));
  return { connection, channel };
}

/**
 * Messages waiting in the booking queue (every sale's, since they share it), or null when
 * RabbitMQ does not answer: the dashboard shows "unknown" rather than failing.
 */
export async function readQueueDepth(): Promise<number | null> {
  try {
    globalForProbe.flashSaleQueueProbe ??= openProbe();
    const { channel } = await globalForProbe.flashSaleQueueProbe;
    const { messageCount } = await channel.checkQueue(env().BOOKING_QUEUE);
    return messageCount;
  } catch (error) {
    globalForProbe.flashSaleQueueProbe = undefined;
    logger.warn({ err: error }, "could not read the booking queue depth");
    return null;
  }
}
