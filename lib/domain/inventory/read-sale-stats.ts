import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";

export type SaleOutcomes = {
  hold: number;
  waitlisted: number;
  sold_out: number;
  booked: number;
  expired: number;
  cancelled: number;
  rejected: number;
  promoted: number;
};

export type SaleStats = {
  saleId: string;
  status: string | null;
  stock: number;
  /** Items neither held nor booked. */
  available: number;
  holds: number;
  booked: number;
  waitlist: number;
  /** Users in the pre-queue, waiting for the draw at the start. */
  prequeue: number;
  /** Tickets handed out at admission. */
  admitted: number;
  /** The highest ticket the worker has served. */
  served: number;
  outcomes: SaleOutcomes;
  /** Tickets served per second, as the worker last measured it. */
  drainRatePerSec: number;
};

const num = (value: string | null | undefined) => Number(value ?? 0) || 0;

/** A consistent snapshot of a sale's live counters (one MULTI, so the numbers add up). */
export async function readSaleStats(saleId: string): Promise<SaleStats> {
  const keys = saleKeys(saleId);
  const replies = await redis()
    .multi()
    .hmget(keys.meta, "status", "stock")
    .get(keys.inventory)
    .zcard(keys.holds)
    .zcard(keys.waitlist)
    .get(keys.seq)
    .get(keys.served)
    .hgetall(keys.stats)
    .get(keys.drainRate)
    .hlen(keys.prequeue)
    .exec();
  const value = <T>(index: number) => replies?.[index]?.[1] as T;
  const [status, stock] = value<(string | null)[]>(0);
  const drainRate = value<string | null>(7);
  const stats = value<Record<string, string>>(6) ?? {};
  const outcomes: SaleOutcomes = {
    hold: num(stats.hold),
    waitlisted: num(stats.waitlisted),
    sold_out: num(stats.sold_out),
    booked: num(stats.booked),
    expired: num(stats.expired),
    cancelled: num(stats.cancelled),
    rejected: num(stats.rejected),
    promoted: num(stats.promoted),
  };
  return {
    saleId,
    status: status ?? null,
    stock: num(stock),
    available: num(value<string | null>(1)),
    holds: value<number>(2) ?? 0,
    booked: outcomes.booked,
    waitlist: value<number>(3) ?? 0,
    prequeue: value<number>(8) ?? 0,
    admitted: num(value<string | null>(4)),
    served: num(value<string | null>(5)),
    outcomes,
    drainRatePerSec: Number(drainRate ?? 0) || 0,
  };
}
