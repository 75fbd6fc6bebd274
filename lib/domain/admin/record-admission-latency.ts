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

async function flush(pending: Map<string, number[]>): Promise<void> {
  if (pending.size === 0) return;
  const batch = [...pending];
  pending.clear();
  const pipeline = redis().pipeline();
  for (const [saleId, counts] of batch) {
    const key = saleKeys(saleId).admissionLatency;
    counts.forEach((count, index) => {
      if (count > 0) pipeline.hincrby(key, LATENCY_BUCKET_NAMES[index]!, count);
    });
  }
  try {
    await pipeline.exec();
  } catch (error) {
    // A dashboard number, not a record: a lost second of latencies is logged, not retried.
    logger.warn({ err: error }, "could not write admission latencies");
  }
}

/**
 * Counts one admission's latency for the sale's dashboard. Every web process adds its counts to
 * one per-sale histogram in Redis, so the dashboard (and its history) covers all of them; the
 * counts wait in memory and go out in one pipeline a second, keeping Redis off the hot path.
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
