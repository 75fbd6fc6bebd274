import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";

export type SaleSettings = {
  _id: { toString(): string } | string;
  status: string;
  stock: number;
  holdSeconds: number;
  waitlistMax: number;
  startsAt: Date;
  endsAt: Date;
  /** MongoDB's last-write time: the version of these settings. */
  updatedAt?: Date | null;
};

/**
 * Writes a sale's settings into Redis, where admission and the worker read them (publish-sale.lua).
 * Two edits of one sale can publish in the other order than they wrote MongoDB, so the settings
 * carry the document's version and an older one never overwrites a newer one. Status and stock are
 * written only the first time: once published, Redis is where they change first, by
 * compare-and-set, and a stale stock would leave the counter and the stock disagreeing.
 */
export async function publishSaleState(sale: SaleSettings): Promise<void> {
  const saleId = String(sale._id);
  const keys = saleKeys(saleId);
  await runScript(
    redis(),
    "publish-sale",
    [keys.meta, keys.inventory],
    [
      sale.updatedAt?.getTime() ?? Date.now(),
      sale.status,
      sale.stock,
      sale.holdSeconds * 1000,
      sale.waitlistMax,
      sale.startsAt.getTime(),
      sale.endsAt.getTime(),
    ],
  );
  // Outside the script: the set of active sales is not in the sale's hash slot (Redis Cluster).
  await redis().sadd(ACTIVE_SALES_KEY, saleId);
}
