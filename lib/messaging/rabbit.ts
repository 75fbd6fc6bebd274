import { connect, type Channel, type ChannelModel, type ConfirmChannel } from "amqplib";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";

/**
 * `booking_requests` is durable and has a single active consumer: RabbitMQ delivers to one worker
 * at a time (others stand by and take over on its death), so messages are served in queue order.
 * Every declaration must use the same arguments, so they live here.
 */
export async function assertBookingQueue(channel: Channel): Promise<void> {
  await channel.assertQueue(env().BOOKING_QUEUE, {
    durable: true,
    arguments: { "x-single-active-consumer": true },
  });
}

export async function connectRabbit(name: string): Promise<ChannelModel> {
  const connection = await connect(env().RABBITMQ_URL, { clientProperties: { connection_name: name } });
  connection.on("error", (error: Error) => logger.warn({ err: error }, "rabbitmq connection error"));
  return connection;
}

type Publisher = { connection: ChannelModel; channel: ConfirmChannel };
const globalForRabbit = globalThis as unknown as { flashSalePublisher?: Promise<Publisher> };

async function openPublisher(): Promise<Publisher> {
  const connection = await connectRabbit(`web-${process.pid}`);
  const channel = await connection.createConfirmChannel();
  await assertBookingQueue(channel);
  // A dropped connection or channel is forgotten; the next publish opens a fresh one.
  const forget = () => {
    globalForRabbit.flashSalePublisher = undefined;
  };
  connection.on("close", forget);
  channel.on("close", forget);
  channel.on("error", (error: Error) => logger.warn({ err: error }, "rabbitmq channel error"));
  return { connection, channel };
}

function publisher(): Promise<Publisher> {
  globalForRabbit.flashSalePublisher ??= openPublisher().catch((error: unknown) => {
    globalForRabbit.flashSalePublisher = undefined;
    throw error;
  });
  return globalForRabbit.flashSalePublisher;
}

/** Publishes a persistent message and resolves only once the broker has confirmed it. */
export async function publishConfirmed(queue: string, body: Buffer, messageId: string): Promise<void> {
  const { channel } = await publisher();
  await new Promise<void>((resolve, reject) => {
    const ok = channel.sendToQueue(
      queue,
      body,
      { persistent: true, messageId, contentType: "application/json" },
      (error: unknown) => (error ? reject(error instanceof Error ? error : new Error("publish nacked")) : resolve()),
    );
    if (!ok) logger.debug("rabbitmq publish buffer full; confirm will wait for drain");
  });
}

export async function closeRabbitPublisher(): Promise<void> {
  const pending = globalForRabbit.flashSalePublisher;
  globalForRabbit.flashSalePublisher = undefined;
  if (pending) await (await pending).connection.close().catch(() => {});
}

/** Messages waiting in `booking_requests` (ready, not yet delivered). */
export async function bookingQueueDepth(): Promise<number> {
  const connection = await connectRabbit("queue-depth");
  try {
    const channel = await connection.createChannel();
    await assertBookingQueue(channel);
    return (await channel.checkQueue(env().BOOKING_QUEUE)).messageCount;
  } finally {
    await connection.close();
  }
}
