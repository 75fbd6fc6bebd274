import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";

/**
 * Takes a sale out of the active set once it has ended and settled: no hold left to expire or
 * confirm, nobody waiting or being drawn, and its outbox written to MongoDB. Sweeps and the outbox
 * drainer then stop visiting it, so they do not scan every sale ever run. The active set is a
 * global key, outside the sale's slot, so it is changed on its own (never in one step with the
 * sale's keys): a record that appeared between the check and the removal puts the sale back.
 */
export async function retireSettledSale(saleId: string): Promise<boolean> {
  const keys = saleKeys(saleId);
  const replies = await redis()
    .multi()
    .hget(keys.meta, "status")
    .zcard(keys.holds)
    .zcard(keys.waitlist)
    .hlen(keys.dirty)
    .hlen(keys.prequeue)
    .hlen(keys.drawn)
    .exec();
  const [status, ...counts] = (replies ?? []).map(([, value]) => value);
  if (status !== "ended" || counts.some((count) => Number(count) > 0)) return false;
  await redis().srem(ACTIVE_SALES_KEY, saleId);
  if ((await redis().hlen(keys.dirty)) === 0) return true;
  await redis().sadd(ACTIVE_SALES_KEY, saleId);
  return false;
}
