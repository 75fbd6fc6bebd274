import { connectMongo } from "@/lib/db/connect";
import { Booking } from "@/lib/db/models/booking";
import { Sale } from "@/lib/db/models/sale";
import { SaleProgress } from "@/lib/db/models/sale-progress";
import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";
import type { HoldEffects } from "@/lib/domain/holds/hold-effects";

export type ReconcileOptions = { force?: boolean; queuedTickets?: number };
export type ReconcileResult = { saleId: string; rebuilt: boolean; holds: number; booked: number; waitlisted: number; available: number };

/**
 * Rebuilds a sale's Redis state from MongoDB, the record of truth: settings, inventory
 * (stock − holds − booked), holds with their expiry, the waitlist in ticket order, and each
 * user's state. Runs only when Redis has lost the sale (its meta key is gone) unless forced;
 * a forced rebuild must not race live traffic (stop web and worker first).
 *
 * `queuedTickets` (messages still in RabbitMQ) lifts the ticket sequence above any ticket already
 * handed out, so new admissions queue behind them. The holds' expiry jobs are scheduled again
 * (BullMQ lives in Redis too); scheduling is idempotent by booking id.
 */
export async function reconcileSale(saleId: string, effects: HoldEffects, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const keys = saleKeys(saleId);
  const empty = { saleId, rebuilt: false, holds: 0, booked: 0, waitlisted: 0, available: 0 };
  if (!options.force && (await redis().exists(keys.meta))) return empty;

  await connectMongo();
  const sale = await Sale.findById(saleId).lean();
  if (!sale) return empty;
  const bookings = await Booking.find({ saleId, status: { $in: ["hold", "waitlisted", "booked"] } }).sort({ ticket: 1 }).lean();
  const last = await Booking.findOne({ saleId }).sort({ ticket: -1 }).select({ ticket: 1 }).lean();
  const holds = bookings.filter((b) => b.status === "hold");
  const booked = bookings.filter((b) => b.status === "booked");
  const waitlisted = bookings.filter((b) => b.status === "waitlisted");
  const available = Math.max(0, sale.stock - holds.length - booked.length);
  const progress = await SaleProgress.findById(saleId).lean();
  const maxTicket = Math.max(last?.ticket ?? 0, progress?.servedTicket ?? 0);

  // The active-sales set is in a slot of its own (Redis Cluster), so it joins before the sale's
  // MULTI: an id without state is skipped by the sweepers; state without an id would never be swept.
  await redis().sadd(ACTIVE_SALES_KEY, saleId);
  const tx = redis().multi();
  tx.del(keys.meta, keys.inventory, keys.users, keys.holds, keys.waitlist, keys.stats, keys.dirty);
  tx.hset(keys.meta, {
    status: sale.status,
    stock: sale.stock,
    holdMs: sale.holdSeconds * 1000,
    waitlistMax: sale.waitlistMax,
    startsAt: new Date(sale.startsAt).getTime(),
    endsAt: new Date(sale.endsAt).getTime(),
  });
  tx.set(keys.inventory, available);
  for (const hold of holds) {
    const expiresAt = new Date(hold.holdExpiresAt ?? Date.now()).getTime();
    tx.hset(`${keys.holdPrefix}${hold._id}`, { userId: hold.userId, ticket: hold.ticket, expiresAt });
    tx.zadd(keys.holds, expiresAt, hold._id);
    tx.hset(keys.users, hold.userId, `hold|${hold._id}|${hold.ticket}|${expiresAt}`);
  }
  for (const entry of waitlisted) {
    tx.zadd(keys.waitlist, entry.ticket, `${entry._id}|${entry.userId}`);
    tx.hset(keys.users, entry.userId, `waitlisted|${entry._id}|${entry.ticket}|0`);
  }
  for (const entry of booked) tx.hset(keys.users, entry.userId, `booked|${entry._id}|${entry.ticket}|0`);
  tx.hset(keys.stats, "booked", booked.length);
  // Keep the sequence monotonic: never below what Redis still has, MongoDB saw, or the queue holds.
  const seq = Number((await redis().get(keys.seq)) ?? 0);
  tx.set(keys.seq, Math.max(seq, maxTicket + (options.queuedTickets ?? 0)));
  tx.set(keys.served, Math.max(Number((await redis().get(keys.served)) ?? 0), maxTicket));
  await tx.exec();
  if (holds.length) {
    await effects.scheduleExpiries(
      holds.map((hold) => ({ saleId, bookingId: hold._id, expiresAt: new Date(hold.holdExpiresAt ?? Date.now()).getTime() })),
    );
  }

  logger.warn({ saleId, holds: holds.length, booked: booked.length, waitlisted: waitlisted.length, available }, "sale state rebuilt from MongoDB");
  return { saleId, rebuilt: true, holds: holds.length, booked: booked.length, waitlisted: waitlisted.length, available };
}

/** Reconciles every sale that is open (live, paused, sold out) in MongoDB. */
export async function reconcileOpenSales(effects: HoldEffects, options: ReconcileOptions = {}): Promise<ReconcileResult[]> {
  await connectMongo();
  const sales = await Sale.find({ status: { $in: ["live", "paused", "sold_out"] } }).select({ _id: 1 }).lean();
  const results: ReconcileResult[] = [];
  for (const sale of sales) results.push(await reconcileSale(String(sale._id), effects, options));
  return results;
}
