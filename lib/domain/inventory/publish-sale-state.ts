import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";

export type SaleSettings = {
  _id: { toString(): string } | string;
  status: string;
  stock: number;
  holdSeconds: number;
  waitlistMax: number;
  startsAt: Date;
  endsAt: Date;
};

/**
 * Writes a sale's settings into Redis, where admission and the worker read them.
 * Status and stock are written only the first time (HSETNX, and SET NX for the inventory counter):
 * once published, Redis is where they change first, by compare-and-set (claimSaleStatus,
 * adjustSaleStock, the scripts). A publish that follows a MongoDB write can arrive after a later
 * edit has already moved them, and must not set them back: a stale stock would leave the counter
 * and the stock disagreeing, and every later stock edit refused.
 */
export async function publishSaleState(sale: SaleSettings): Promise<void> {
  const saleId = String(sale._id);
  const keys = saleKeys(saleId);
  await redis()
    .multi()
    .hset(keys.meta, {
      holdMs: sale.holdSeconds * 1000,
      waitlistMax: sale.waitlistMax,
      startsAt: sale.startsAt.getTime(),
      endsAt: sale.endsAt.getTime(),
    })
    .hsetnx(keys.meta, "status", sale.status)
    .hsetnx(keys.meta, "stock", sale.stock)
    .set(keys.inventory, sale.stock, "NX")
    .sadd(ACTIVE_SALES_KEY, saleId)
    .exec();
}
