import { connectMongo } from "@/lib/db/connect";
import { Booking } from "@/lib/db/models/booking";
import { Sale } from "@/lib/db/models/sale";
import { SaleProgress } from "@/lib/db/models/sale-progress";
import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";
import { releaseLock } from "@/lib/redis/lock";
import { runScript } from "@/lib/redis/scripts";
import { waitForWriterLease } from "@/lib/domain/booking/sale-writer-lease";
import type { HoldEffects } from "@/lib/domain/holds/hold-effects";

export type ReconcileOptions = { force?: boolean; queuedTickets?: number };
export type ReconcileResult = { saleId: string; rebuilt: boolean; holds: number; booked: number; waitlisted: number; available: number };

/**
 * Rebuilds a sale's Redis state from MongoDB, the record of truth: settings, inventory
 * (stock − holds − booked), holds with their expiry, the waitlist in ticket order, and each
 * user's state. Runs only when Redis has lost the sale (its meta key is gone) unless forced;
 * a forced rebuild must not race live traffic (stop web and worker first).
 *
 * It holds the sale's writer lease meanwhile, the same one the outbox drainer holds while it
 * writes MongoDB, so it never reads MongoDB in the middle of a drain round; and the rebuild script
 * is fenced by the lease's token and re-checks that the sale is missing in the same atomic step,
 * so a second rebuilder, one whose lease ran out, or one that lost the race with a live sale's
 * publish writes nothing.
 *
 * `queuedTickets` (messages still in RabbitMQ) lifts the ticket sequence above any ticket already
 * handed out, so new admissions queue behind them. The holds' expiry jobs are scheduled again
 * (BullMQ lives in Redis too); scheduling is idempotent by booking id.
 */
export async function reconcileSale(saleId: string, effects: HoldEffects, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const keys = saleKeys(saleId);
  const kept = { saleId, rebuilt: false, holds: 0, booked: 0, waitlisted: 0, available: 0 };
  if (!options.force && (await redis().exists(keys.meta))) return kept;

  const token = await waitForWriterLease(saleId);
  if (!token) {
    logger.warn({ saleId }, "sale's writer lease stayed taken; rebuild left to its holder or the next try");
    return kept;
  }
  try {
    await connectMongo();
    const sale = await Sale.findById(saleId).read("primary").lean();
    if (!sale) return kept;
    const bookings = await Booking.find({ saleId, status: { $in: ["hold", "waitlisted", "booked"] } }).sort({ ticket: 1 }).read("primary").lean();
    const last = await Booking.findOne({ saleId }).sort({ ticket: -1 }).select({ ticket: 1 }).read("primary").lean();
    const holds = bookings.filter((b) => b.status === "hold");
    const booked = bookings.filter((b) => b.status === "booked");
    const waitlisted = bookings.filter((b) => b.status === "waitlisted");
    const available = Math.max(0, sale.stock - holds.length - booked.length);
    const progress = await SaleProgress.findById(saleId).read("primary").lean();
    const maxTicket = Math.max(last?.ticket ?? 0, progress?.servedTicket ?? 0);
    const expiresAt = (hold: (typeof holds)[number]) => new Date(hold.holdExpiresAt ?? Date.now()).getTime();

    // Every value a string: Lua's cjson would read a millisecond time as a float.
    const state = {
      meta: {
        status: sale.status,
        stock: String(sale.stock),
        holdMs: String(sale.holdSeconds * 1000),
        waitlistMax: String(sale.waitlistMax),
        startsAt: String(new Date(sale.startsAt).getTime()),
        endsAt: String(new Date(sale.endsAt).getTime()),
        version: String(new Date(sale.updatedAt ?? Date.now()).getTime()),
      },
      available: String(available),
      holds: holds.map((hold) => [hold._id, hold.userId, String(hold.ticket), String(expiresAt(hold))]),
      waitlisted: waitlisted.map((entry) => [entry._id, entry.userId, String(entry.ticket)]),
      booked: booked.map((entry) => [entry._id, entry.userId, String(entry.ticket)]),
      seq: String(maxTicket + (options.queuedTickets ?? 0)),
      served: String(maxTicket),
    };
    // The active-sales set is in a slot of its own (Redis Cluster), so it joins before the rebuild:
    // an id without state is skipped by the sweepers; state without an id would never be swept.
    await redis().sadd(ACTIVE_SALES_KEY, saleId);
    const outcome = await runScript<string>(
      redis(),
      "rebuild-sale",
      [keys.writer, keys.meta, keys.inventory, keys.users, keys.holds, keys.waitlist, keys.stats, keys.dirty, keys.seq, keys.served],
      [token, options.force ? "1" : "0", keys.holdPrefix, JSON.stringify(state)],
    );
    if (outcome !== "rebuilt") {
      logger.info({ saleId, outcome }, "sale not rebuilt");
      return kept;
    }
    if (holds.length) await effects.scheduleExpiries(holds.map((hold) => ({ saleId, bookingId: hold._id, expiresAt: expiresAt(hold) })));

    logger.warn({ saleId, holds: holds.length, booked: booked.length, waitlisted: waitlisted.length, available }, "sale state rebuilt from MongoDB");
    return { saleId, rebuilt: true, holds: holds.length, booked: booked.length, waitlisted: waitlisted.length, available };
  } finally {
    await releaseLock(keys.writer, token);
  }
}

/** Reconciles every sale that is open (live, paused, sold out) in MongoDB. */
export async function reconcileOpenSales(effects: HoldEffects, options: ReconcileOptions = {}): Promise<ReconcileResult[]> {
  await connectMongo();
  const sales = await Sale.find({ status: { $in: ["live", "paused", "sold_out"] } }).select({ _id: 1 }).lean();
  const results: ReconcileResult[] = [];
  for (const sale of sales) results.push(await reconcileSale(String(sale._id), effects, options));
  return results;
}
