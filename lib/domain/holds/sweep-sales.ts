import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";
import { syncBookingRecords } from "@/lib/domain/booking/sync-booking-records";
import type { HoldEffects } from "@/lib/domain/holds/hold-effects";
import { expireHold } from "@/lib/domain/holds/expire-hold";

export type SweepResult = { expired: number; synced: number };

const MAX_PER_SALE = 500;

/**
 * The safety net behind the expiry jobs and the MongoDB writes: expires every hold past its time
 * (a lost or late job) and writes any outbox record a crash left behind.
 */
export async function sweepSales(effects: HoldEffects): Promise<SweepResult> {
  const saleIds = await redis().smembers(ACTIVE_SALES_KEY);
  const [seconds] = await redis().time();
  const now = Number(seconds) * 1000;
  let expired = 0;
  let synced = 0;
  for (const saleId of saleIds) {
    const due = await redis().zrangebyscore(saleKeys(saleId).holds, "-inf", now, "LIMIT", 0, MAX_PER_SALE);
    for (const bookingId of due) {
      const result = await expireHold(saleId, bookingId, effects);
      if (result.outcome === "expired") expired += 1;
    }
    synced += await syncBookingRecords(saleId);
  }
  if (expired || synced) logger.info({ expired, synced }, "sweeper repaired state");
  return { expired, synced };
}
