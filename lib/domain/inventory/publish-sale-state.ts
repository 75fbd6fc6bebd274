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
 * Writes a sale's settings into Redis, where admission and the worker read them. The inventory
 * counter is created only the first time (SET NX): publishing again never resets stock that
 * holds and bookings already took. Stock changes of a live sale go through adjustStock.
 */
export async function publishSaleState(sale: SaleSettings): Promise<void> {
  const saleId = String(sale._id);
  const keys = saleKeys(saleId);
  await redis()
    .multi()
    .hset(keys.meta, {
      status: sale.status,
      stock: sale.stock,
      holdMs: sale.holdSeconds * 1000,
      waitlistMax: sale.waitlistMax,
      startsAt: sale.startsAt.getTime(),
      endsAt: sale.endsAt.getTime(),
    })
    .set(keys.inventory, sale.stock, "NX")
    .sadd(ACTIVE_SALES_KEY, saleId)
    .exec();
}
