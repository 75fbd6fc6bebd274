import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import type { DashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";
import { loadSale } from "@/lib/domain/sales/load-sale";

/** The sale's stored readings (one per 10 s, from the worker), oldest first. */
export async function readDashboardHistory(saleId: string): Promise<DashboardSnapshot[]> {
  await loadSale(saleId);
  const stored = await redis().hgetall(saleKeys(saleId).history);
  return Object.entries(stored)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, json]) => JSON.parse(json) as DashboardSnapshot);
}
