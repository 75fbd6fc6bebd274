import { logger } from "@/lib/log/logger";
import { ADMISSION_SECONDS_BUCKETS } from "@/lib/metrics/registry";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";

/** Pending counts are written at most this often: one pipeline per second, not one command per intent. */
const FLUSH_MS = 1000;

/** The bucket names stored in Redis: each bound as Prometheus prints it, then "+Inf". */
export const LATENCY_BUCKET_NAMES = [...ADMISSION_SECONDS_BUCKETS.map(String), "+Inf"];

type PendingLatencies = { pending: Map<string, number[]>; timer?: ReturnType<typeof setInterval> };
const globalForLatency = globalThis as unknown as { flashSaleAdmissionLatency?: PendingLatencies };

function bucketIndex(seconds: number): number {
  const index = ADMISSION_SECONDS_BUCKETS.findIndex((bound) => seconds <= bound);
  return index === -1 ? ADMISSION_SECONDS_BUCKETS.length : index;
}

/** One sale's pending counts, in one pipeline: its keys share the sale's slot on a Redis Cluster. */
async function flushSale(saleId: string, counts: number[]): Promise<void> {
  const key = saleKeys(saleId).admissionLatency;
  const pipeline = redis().pipeline();
  counts.forEach((count, index) => {
    if (count > 0) pipeline.hincrby(key, LATENCY_BUCKET_NAMES[index]!, count);
  });
  try {
    await pipeline.exec();
  } catch (error) {
    // A dashboard number, not a record: a lost second of latencies is logged, not retried.
    logger.warn({ err: error, saleId }, "could not write admission latencies");
  }
}

/** Writes every sale's pending counts: a pipeline per sale (one across sales is cross-slot on a cluster). */
async function flush(pending: Map<string, number[]>): Promise<void> {
  if (pending.size === 0) return;
  const batch = [...pending];
  pending.clear();
  await Promise.all(batch.map(([saleId, counts]) => flushSale(saleId, counts)));
}

/**
 * Counts one admission's latency for the sale's dashboard. Every web process adds its counts to
 * one per-sale histogram in Redis, so the dashboard (and its history) covers all of them; the
 * counts wait in memory and go out once a second (a pipeline per sale), keeping Redis off the hot path.
 */
export function recordAdmissionLatency(saleId: string, seconds: number): void {
  const state: PendingLatencies = (globalForLatency.flashSaleAdmissionLatency ??= { pending: new Map() });
  let counts = state.pending.get(saleId);
  if (!counts) {
    counts = LATENCY_BUCKET_NAMES.map(() => 0);
    state.pending.set(saleId, counts);
  }
  counts[bucketIndex(seconds)]! += 1;
  if (!state.timer) {
    state.timer = setInterval(() => void flush(state.pending), FLUSH_MS);
    state.timer.unref();
  }
}
