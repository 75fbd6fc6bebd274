import type { Channel, ChannelModel, ConsumeMessage } from "amqplib";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { assertBookingQueue, connectRabbit } from "@/lib/messaging/rabbit";
import { parseBookingRequest, type BookingRequest } from "@/lib/messaging/booking-request";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { TicketOrderBuffer } from "@/lib/messaging/ticket-order-buffer";
import { SETTLED_OUTCOMES, serveIntents } from "@/lib/domain/booking/serve-intents";
import { reconcileSale } from "@/lib/domain/reconcile/reconcile-sale";

type Delivery = { request: BookingRequest; message: ConsumeMessage };

const RETRY_DELAY_MS = 1000;

/**
 * Consumes `booking_requests` and serves the intents in ticket order, in batches.
 * Messages are acknowledged only after their outcome is in Redis and MongoDB, so a crash at any
 * point leads to redelivery, and serving again is idempotent.
 */
export class BookingConsumer {
  private connection: ChannelModel | null = null;
  private channel: Channel | null = null;
  private buffer = new TicketOrderBuffer<Delivery>(env().WORKER_GAP_WAIT_MS);
  private draining = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly blockedUntil = new Map<string, number>();
  private readonly rate = new Map<string, { count: number; since: number; perSec: number }>();
  private consumerTag: string | null = null;

  async start(): Promise<void> {
    this.connection = await connectRabbit(`worker-${process.pid}`);
    this.connection.on("close", () => {
      if (this.stopped) return;
      // Unacked messages return to the queue with the connection; start over from a clean buffer.
      logger.error("rabbitmq connection lost; reconnecting");
      this.buffer = new TicketOrderBuffer<Delivery>(env().WORKER_GAP_WAIT_MS);
      void this.reconnect();
    });
    this.channel = await this.connection.createChannel();
    await assertBookingQueue(this.channel);
    await this.channel.prefetch(env().WORKER_PREFETCH);
    const { consumerTag } = await this.channel.consume(env().BOOKING_QUEUE, (message) => message && this.receive(message), { noAck: false });
    this.consumerTag = consumerTag;
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, RETRY_DELAY_MS * 2 ** attempt)));
      try {
        await this.start();
        logger.info({ attempt }, "rabbitmq consumer reconnected");
        return;
      } catch (error) {
        logger.warn({ err: error, attempt }, "rabbitmq reconnect failed");
      }
    }
  }

  /** Stops taking messages, finishes the batch in flight; unacked messages return to the queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.channel && this.consumerTag) await this.channel.cancel(this.consumerTag).catch(() => {});
    while (this.draining) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.connection?.close().catch(() => {});
  }

  private async receive(message: ConsumeMessage): Promise<void> {
    const request = parseBookingRequest(message.content);
    if (!request) {
      logger.error({ body: message.content.toString("utf8").slice(0, 200) }, "dropping malformed booking request");
      this.channel?.ack(message);
      return;
    }
    if (!this.buffer.hasFrontier(request.saleId)) {
      const served = Number((await redis().get(saleKeys(request.saleId).served)) ?? 0);
      this.buffer.setFrontier(request.saleId, served);
    }
    this.buffer.add(request.saleId, request.ticket, { request, message });
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
        this.channel?.ack(batch[i]!.item.message);
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
