import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";
import { retireSettledSale } from "@/lib/domain/reconcile/retire-settled-sale";
import type { HoldEffects } from "@/lib/domain/holds/hold-effects";
import { expireHold } from "@/lib/domain/holds/expire-hold";

export type SweepResult = { expired: number; retired: number };

const MAX_PER_SALE = 500;

/**
 * The safety net behind the expiry jobs: expires every hold past its time (a lost or late job),
 * and retires ended sales that have settled. The outbox is not its business: the outbox drainer
 * (worker/outbox-drainer.ts) is the one writer of booking updates.
 */
export async function sweepSales(effects: HoldEffects): Promise<SweepResult> {
  const saleIds = await redis().smembers(ACTIVE_SALES_KEY);
  const [seconds] = await redis().time();
  const now = Number(seconds) * 1000;
  let expired = 0;
  let retired = 0;
  for (const saleId of saleIds) {
    const due = await redis().zrangebyscore(saleKeys(saleId).holds, "-inf", now, "LIMIT", 0, MAX_PER_SALE);
    for (const bookingId of due) {
      const result = await expireHold(saleId, bookingId, effects);
      if (result.outcome === "expired") expired += 1;
    }
    if (await retireSettledSale(saleId)) retired += 1;
  }
  if (expired || retired) logger.info({ expired, retired }, "sweeper repaired state");
  return { expired, retired };
}
