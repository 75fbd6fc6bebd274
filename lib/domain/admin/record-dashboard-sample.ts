import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import type { DashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";

/** One stored reading per this long. */
export const SAMPLE_INTERVAL_MS = 10_000;
/** Readings kept per sale: six hours at one per 10 s, about 600 bytes each (≈ 1.3 MB at most). */
export const MAX_SAMPLES = 2160;

/**
 * Stores a reading in the sale's history, under its 10-second bucket. HSETNX makes the first
 * writer of a bucket the only one, so several workers sampling at once store it once. Past the
 * cap the oldest readings go: a flash sale's story is in its first hours.
 */
export async function recordDashboardSample(saleId: string, snapshot: DashboardSnapshot): Promise<boolean> {
  const key = saleKeys(saleId).history;
  const bucket = Math.floor(snapshot.at / SAMPLE_INTERVAL_MS) * SAMPLE_INTERVAL_MS;
  const stored = (await redis().hsetnx(key, String(bucket), JSON.stringify(snapshot))) === 1;
  if (stored && (await redis().hlen(key)) > MAX_SAMPLES) {
    const buckets = (await redis().hkeys(key)).map(Number).sort((a, b) => a - b);
    const surplus = buckets.slice(0, buckets.length - MAX_SAMPLES).map(String);
    if (surplus.length) await redis().hdel(key, ...surplus);
  }
  return stored;
}
