import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";
import { readDashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";
import { recordDashboardSample } from "@/lib/domain/admin/record-dashboard-sample";

/**
 * Takes one dashboard reading of every sale with Redis state and stores it in the sale's history.
 * An ended sale gets one last reading, then no more: `finished` remembers which ones had theirs.
 */
export async function sampleSaleDashboards(finished: Set<string>, now = Date.now): Promise<number> {
  const saleIds = (await redis().smembers(ACTIVE_SALES_KEY)).filter((saleId) => !finished.has(saleId));
  let stored = 0;
  for (const saleId of saleIds) {
    const status = await redis().hget(saleKeys(saleId).meta, "status");
    if (!status || status === "draft") continue;
    if (await recordDashboardSample(saleId, await readDashboardSnapshot(saleId, now))) stored += 1;
    if (status === "ended") finished.add(saleId);
  }
  return stored;
}
