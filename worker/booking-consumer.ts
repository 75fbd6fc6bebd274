import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Channel, ChannelModel, ConsumeMessage } from "amqplib";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";
import { redis } from "@/lib/redis/client";
import { BOOKING_LEASES_KEY, saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { connectRabbit } from "@/lib/messaging/rabbit";
import { assertBookingQueue, bookingQueueName, listBookingQueues, unregisterBookingQueue } from "@/lib/messaging/booking-queues";
import { migrateClassicBookingQueue } from "@/lib/messaging/migrate-classic-booking-queue";
import { parseBookingRequest, type BookingRequest } from "@/lib/messaging/booking-request";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { TicketOrderBuffer } from "@/lib/messaging/ticket-order-buffer";
import { SETTLED_OUTCOMES, serveIntents } from "@/lib/domain/booking/serve-intents";
import { reconcileSale } from "@/lib/domain/reconcile/reconcile-sale";

type Subscription = { saleId: string; channel: Channel; consumerTag: string };
type Delivery = { request: BookingRequest; message: ConsumeMessage; subscription: Subscription };

const RETRY_DELAY_MS = 1000;
// An ended sale's queue leaves the workers' list once it has stayed empty this long: an intent
// admitted just before the end may still be on its way.
const RETIRE_AFTER_MS = 60_000;

/**
 * Consumes the booking queues of the sales this worker holds a lease on, one channel (and one
 * prefetch window) per sale, and serves the intents in ticket order, in batches. A paused sale's
 * messages wait in its own window, so other sales flow on.
 * Messages are acknowledged only after their outcome is in Redis and MongoDB, so a crash at any
 * point leads to redelivery, and serving again is idempotent.
 */
export class BookingConsumer {
  private readonly workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private connection: ChannelModel | null = null;
  private readonly subscriptions = new Map<string, Subscription>();
  private buffer = new TicketOrderBuffer<Delivery>(env().WORKER_GAP_WAIT_MS);
  private draining = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private claimTimer: NodeJS.Timeout | null = null;
  private claiming: Promise<void> = Promise.resolve();
  private readonly blockedUntil = new Map<string, number>();
  private readonly emptySince = new Map<string, number>();
  private readonly rate = new Map<string, { count: number; since: number; perSec: number }>();

  async start(): Promise<void> {
    await this.connect();
    await this.claim();
    this.scheduleClaim();
  }

  /** Connects (to another broker of RABBITMQ_URL if this one is gone) and drains the classic queue. */
  private async connect(): Promise<void> {
    const connection = await connectRabbit(`worker-${process.pid}`);
    connection.on("close", () => {
      // A connection given up on after a failed reconnect closes too: only the current one counts.
      if (this.stopped || this.connection !== connection) return;
      // Unacked messages return to their queues with the connection; start over from a clean buffer.
      logger.error("rabbitmq connection lost; reconnecting");
      this.connection = null;
      this.subscriptions.clear();
      this.buffer = new TicketOrderBuffer<Delivery>(env().WORKER_GAP_WAIT_MS);
      void this.reconnect();
    });
    this.connection = connection;
    try {
      const moved = await migrateClassicBookingQueue(connection);
      if (moved) logger.warn({ moved }, "moved messages from the classic booking queue");
    } catch (error) {
      this.connection = null;
      await connection.close().catch(() => {});
      throw error;
    }
  }

  private scheduleClaim(): void {
    if (this.stopped || this.claimTimer) return;
    this.claimTimer = setTimeout(() => {
      this.claimTimer = null;
      void this.claim()
        .catch((error: unknown) => logger.warn({ err: error }, "could not renew the booking queue leases"))
        .finally(() => this.scheduleClaim());
    }, env().WORKER_LEASE_MS / 5);
  }

  /** Renews this worker's leases, takes its share of unclaimed queues and gives up the rest. */
  private claim(): Promise<void> {
    // Claims run one at a time; a failed one (already logged by its caller) must not stop the next.
    this.claiming = this.claiming.catch(() => {}).then(async () => {
      if (this.stopped || !this.connection) return;
      const saleIds = await listBookingQueues();
      const held = new Set(await runScript<string[]>(redis(), "claim-booking-queues", [BOOKING_LEASES_KEY], [this.workerId, env().WORKER_LEASE_MS, ...saleIds]));
      for (const saleId of this.subscriptions.keys()) if (!held.has(saleId)) await this.unsubscribe(saleId);
      for (const saleId of held) if (!this.subscriptions.has(saleId)) await this.subscribe(saleId);
      await this.retireEndedSales();
    });
    return this.claiming;
  }

  private async subscribe(saleId: string): Promise<void> {
    const channel = await this.connection!.createChannel();
    const subscription: Subscription = { saleId, channel, consumerTag: "" };
    channel.on("error", (error: Error) => logger.warn({ err: error, saleId }, "booking queue channel error"));
    // A channel the broker closed is forgotten with its messages (they return to the queue);
    // the next claim subscribes again while this worker holds the lease.
    channel.on("close", () => {
      if (this.subscriptions.get(saleId) !== subscription) return;
      this.subscriptions.delete(saleId);
      this.buffer.forget(saleId);
    });
    try {
      await assertBookingQueue(channel, saleId);
      await channel.prefetch(env().WORKER_PREFETCH);
      this.subscriptions.set(saleId, subscription);
      const { consumerTag } = await channel.consume(bookingQueueName(saleId), (message) => message && this.receive(message, subscription), { noAck: false });
      subscription.consumerTag = consumerTag;
    } catch (error) {
      await channel.close().catch(() => {});
      throw error;
    }
    logger.info({ saleId, worker: this.workerId }, "consuming booking queue");
  }

  /** Hands a sale over: its unacknowledged messages return to its queue when the channel closes. */
  private async unsubscribe(saleId: string): Promise<void> {
    const subscription = this.subscriptions.get(saleId);
    if (!subscription) return;
    this.subscriptions.delete(saleId);
    this.buffer.forget(saleId);
    await subscription.channel.cancel(subscription.consumerTag).catch(() => {});
    await subscription.channel.close().catch(() => {});
    logger.info({ saleId, worker: this.workerId }, "released booking queue");
  }

  /** Stops consuming the queues of ended sales once they have been empty for a while. */
  private async retireEndedSales(): Promise<void> {
    for (const [saleId, subscription] of this.subscriptions) {
      const ended = (await redis().hget(saleKeys(saleId).meta, "status")) === "ended";
      const empty = ended && this.buffer.pendingCount(saleId) === 0 && (await assertBookingQueue(subscription.channel, saleId)) === 0;
      if (!empty) {
        this.emptySince.delete(saleId);
        continue;
      }
      const since = this.emptySince.get(saleId) ?? Date.now();
      this.emptySince.set(saleId, since);
      if (Date.now() - since < RETIRE_AFTER_MS) continue;
      await unregisterBookingQueue(saleId);
      await this.unsubscribe(saleId);
      this.emptySince.delete(saleId);
    }
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, RETRY_DELAY_MS * 2 ** attempt)));
      try {
        await this.connect();
        logger.info({ attempt }, "rabbitmq consumer reconnected");
        // The leases' sales are subscribed again now; a subscription refused while a lost node's
        // queues elect new leaders is retried by the periodic claim.
        void this.claim().catch((error: unknown) => logger.warn({ err: error }, "could not subscribe again after reconnecting"));
        return;
      } catch (error) {
        logger.warn({ err: error, attempt }, "rabbitmq reconnect failed");
      }
    }
  }

  /** Stops taking messages, finishes the batch in flight, gives up its leases; unacked messages return to the queues. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.claimTimer) clearTimeout(this.claimTimer);
    await this.claiming.catch(() => {});
    for (const { channel, consumerTag } of this.subscriptions.values()) await channel.cancel(consumerTag).catch(() => {});
    while (this.draining) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.connection?.close().catch(() => {});
    const fields = [`w:${this.workerId}`, ...[...this.subscriptions.keys()].map((saleId) => `q:${saleId}`)];
    await redis().hdel(BOOKING_LEASES_KEY, ...fields).catch(() => {});
  }

  private async receive(message: ConsumeMessage, subscription: Subscription): Promise<void> {
    const request = parseBookingRequest(message.content);
    if (request?.saleId !== subscription.saleId) {
      logger.error({ body: message.content.toString("utf8").slice(0, 200), queue: subscription.saleId }, "malformed or misrouted booking request sent to the dead-letter queue");
      subscription.channel.nack(message, false, false);
      return;
    }
    // A message still arriving on a channel being handed over goes back to the queue with it.
    if (this.subscriptions.get(request.saleId) !== subscription) return;
    if (!this.buffer.hasFrontier(request.saleId)) {
      const served = Number((await redis().get(saleKeys(request.saleId).served)) ?? 0);
      this.buffer.setFrontier(request.saleId, served);
    }
    this.buffer.add(request.saleId, request.ticket, { request, message, subscription });
    metrics().buffered.set(this.buffer.size());
    this.scheduleDrain(0);
  }

  private scheduleDrain(delayMs: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, delayMs);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      let progressed = true;
      while (progressed && !this.stopped) {
        progressed = false;
        for (const saleId of this.buffer.salesWithPending()) {
          if ((this.blockedUntil.get(saleId) ?? 0) > Date.now()) continue;
          const batch = this.buffer.takeReady(saleId, env().WORKER_BATCH_SIZE);
          if (batch.length === 0) continue;
          progressed = (await this.serveBatch(saleId, batch)) || progressed;
        }
      }
    } finally {
      this.draining = false;
      metrics().buffered.set(this.buffer.size());
    }
    const gap = this.buffer.msUntilGapTimeout();
    const blocked = this.buffer.salesWithPending().some((saleId) => (this.blockedUntil.get(saleId) ?? 0) > Date.now());
    if (gap !== null || blocked) this.scheduleDrain(blocked ? RETRY_DELAY_MS : gap! + 1);
  }

  /** Serves one batch; returns whether anything was settled. Unsettled messages go back in order. */
  private async serveBatch(saleId: string, batch: { ticket: number; item: Delivery }[]): Promise<boolean> {
    const stopTimer = metrics().batchSeconds.startTimer();
    try {
      const results = await serveIntents(saleId, batch.map(({ item }) => item.request), holdEffects);
      const firstUnsettled = results.findIndex(({ outcome }) => !SETTLED_OUTCOMES.has(outcome));
      const settledCount = firstUnsettled === -1 ? results.length : firstUnsettled;
      for (let i = 0; i < settledCount; i += 1) {
        acknowledge(batch[i]!.item);
        metrics().served.inc({ outcome: results[i]!.outcome });
      }
      this.measureRate(saleId, settledCount);
      if (firstUnsettled !== -1) {
        this.buffer.putBack(saleId, batch.slice(firstUnsettled));
        const outcome = results[firstUnsettled]!.outcome;
        if (outcome === "unknown_sale") await reconcileSale(saleId, holdEffects);
        // A paused sale keeps its queue; its messages wait here, in order, until it resumes.
        this.blockedUntil.set(saleId, Date.now() + RETRY_DELAY_MS);
      }
      return settledCount > 0;
    } catch (error) {
      logger.error({ err: error, saleId }, "batch failed; retrying");
      this.buffer.putBack(saleId, batch);
      this.blockedUntil.set(saleId, Date.now() + RETRY_DELAY_MS);
      return false;
    } finally {
      stopTimer();
    }
  }

  /** Publishes the sale's drain rate (tickets per second), from which queued users' waits are estimated. */
  private measureRate(saleId: string, count: number): void {
    const now = Date.now();
    const rate = this.rate.get(saleId) ?? { count: 0, since: now, perSec: 0 };
    rate.count += count;
    const elapsed = now - rate.since;
    if (elapsed >= 1000) {
      const current = (rate.count * 1000) / elapsed;
      rate.perSec = rate.perSec ? rate.perSec * 0.7 + current * 0.3 : current;
      rate.count = 0;
      rate.since = now;
      void redis().set(saleKeys(saleId).drainRate, rate.perSec.toFixed(2)).catch(() => {});
    }
    this.rate.set(saleId, rate);
  }
}

/** Acknowledges a served message, unless its sale was handed over meanwhile (it is served again there, harmlessly). */
function acknowledge({ message, subscription }: Delivery): void {
  try {
    subscription.channel.ack(message);
  } catch (error) {
    logger.debug({ err: error }, "ack on a released channel skipped");
  }
}
