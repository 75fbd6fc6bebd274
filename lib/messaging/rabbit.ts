import { connect, type Channel, type ChannelModel, type ConfirmChannel } from "amqplib";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { assertBookingQueue, bookingQueueName, listBookingQueues, registerBookingQueue } from "@/lib/messaging/booking-queues";

/** A node that accepts TCP but never finishes the AMQP handshake (hung, overloaded) is passed over after this. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Index in RABBITMQ_URL of the broker that last accepted a connection: the first one tried next. */
let preferredBroker = 0;

/**
 * Opens a connection to the first broker of RABBITMQ_URL that answers, starting with the one that
 * answered last, so a process whose node went down reconnects to another node of the cluster (any
 * node serves every quorum queue) and stays there.
 */
export async function connectRabbit(name: string): Promise<ChannelModel> {
  const urls = env().RABBITMQ_URL;
  const failures: string[] = [];
  for (let attempt = 0; attempt < urls.length; attempt += 1) {
    const index = (preferredBroker + attempt) % urls.length;
    try {
      const connection = await connect(urls[index]!, { clientProperties: { connection_name: name }, timeout: CONNECT_TIMEOUT_MS });
      connection.on("error", (error: Error) => logger.warn({ err: error }, "rabbitmq connection error"));
      preferredBroker = index;
      return connection;
    } catch (error) {
      failures.push(`${brokerAddress(urls[index]!)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`no RabbitMQ broker accepted a connection (${failures.join("; ")})`);
}

/** host:port of an AMQP URL, without credentials, for messages. */
function brokerAddress(url: string): string {
  return /^amqps?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(url)?.[1] ?? "?";
}

type Publisher = { connection: ChannelModel; channel: ConfirmChannel; declared: Map<string, Promise<void>>; returned: Set<string> };
const globalForRabbit = globalThis as unknown as { flashSalePublisher?: Promise<Publisher> };

async function openPublisher(): Promise<Publisher> {
  const connection = await connectRabbit(`web-${process.pid}`);
  const channel = await connection.createConfirmChannel();
  // A message no queue takes (its queue was deleted) comes back before its confirm: not accepted.
  const returned = new Set<string>();
  channel.on("return", (message: { properties: { messageId?: string } }) => {
    if (message.properties.messageId) returned.add(message.properties.messageId);
  });
  // A dropped connection or channel is forgotten; the next publish opens a fresh one.
  const forget = () => {
    globalForRabbit.flashSalePublisher = undefined;
  };
  connection.on("close", forget);
  channel.on("close", forget);
  channel.on("error", (error: Error) => logger.warn({ err: error }, "rabbitmq channel error"));
  return { connection, channel, declared: new Map(), returned };
}

/**
 * Lets a publisher go for good: the next publish opens a fresh connection and channel. For a nack:
 * a channel that published to a quorum queue while its leader was being elected again (a node
 * lost) had every later publish nacked, for minutes, although the queue had its new leader within
 * a second; a new channel is served at once.
 */
function discardPublisher(pending: Promise<Publisher>, { connection }: Publisher): void {
  if (globalForRabbit.flashSalePublisher === pending) globalForRabbit.flashSalePublisher = undefined;
  void connection.close().catch(() => {});
}

function publisher(): Promise<Publisher> {
  globalForRabbit.flashSalePublisher ??= openPublisher().catch((error: unknown) => {
    globalForRabbit.flashSalePublisher = undefined;
    throw error;
  });
  return globalForRabbit.flashSalePublisher;
}

/**
 * Publishes a persistent message to a sale's booking queue and resolves only once the broker has
 * confirmed it. The queue is declared and listed for the workers on this process's first publish.
 */
export async function publishConfirmed(saleId: string, body: Buffer, messageId: string): Promise<void> {
  const pending = publisher();
  const current = await pending;
  const { channel, declared, returned } = current;
  // One declaration per sale and process, shared by every publish waiting for it: a stampede's
  // first publishes each declaring the queue would queue hundreds of RPCs on the channel, and the
  // tickets behind them would reach the worker seconds late (past its gap wait, so passed over).
  let declaration = declared.get(saleId);
  if (!declaration) {
    declaration = assertBookingQueue(channel, saleId).then(() => registerBookingQueue(saleId));
    declared.set(saleId, declaration);
    declaration.catch(() => declared.delete(saleId));
  }
  await declaration;
  const queue = bookingQueueName(saleId);
  await new Promise<void>((resolve, reject) => {
    const ok = channel.sendToQueue(
      queue,
      body,
      { persistent: true, messageId, contentType: "application/json", mandatory: true },
      (error: unknown) => {
        if (error) {
          discardPublisher(pending, current);
          return reject(error instanceof Error ? error : new Error("publish nacked"));
        }
        if (returned.delete(messageId)) return reject(new Error(`no queue ${queue} took the message`));
        resolve();
      },
    );
    if (!ok) logger.debug("rabbitmq publish buffer full; confirm will wait for drain");
  });
}

export async function closeRabbitPublisher(): Promise<void> {
  const pending = globalForRabbit.flashSalePublisher;
  globalForRabbit.flashSalePublisher = undefined;
  if (pending) await (await pending).connection.close().catch(() => {});
}

/**
 * Runs `action` on every listed sale's queue over one short-lived connection, in turn (queue
 * depth, and the tests' and the benchmark's resets). The queues are declared first, so a listed
 * queue that is missing is created empty rather than closing the channel.
 */
export async function eachBookingQueue<T>(purpose: string, action: (channel: Channel, queue: string, saleId: string) => Promise<T>): Promise<T[]> {
  const saleIds = await listBookingQueues();
  const connection = await connectRabbit(purpose);
  try {
    const channel = await connection.createChannel();
    const results: T[] = [];
    for (const saleId of saleIds) {
      await assertBookingQueue(channel, saleId);
      results.push(await action(channel, bookingQueueName(saleId), saleId));
    }
    return results;
  } finally {
    await connection.close();
  }
}

/** Messages waiting in every sale's booking queue (ready, not yet delivered). */
export async function bookingQueueDepth(): Promise<number> {
  const counts = await eachBookingQueue("queue-depth", async (channel, queue) => (await channel.checkQueue(queue)).messageCount);
  return counts.reduce((sum, count) => sum + count, 0);
}
