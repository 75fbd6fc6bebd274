import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { readSaleStats, type SaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { readQueueDepth } from "@/lib/domain/admin/read-queue-depth";
import { LATENCY_BUCKET_NAMES } from "@/lib/domain/admin/record-admission-latency";
import { loadSale } from "@/lib/domain/sales/load-sale";

/** Cumulative admission-latency histogram of one sale, over every web process: bucket bound (s) → count. */
export type LatencyHistogram = { buckets: { le: number; count: number }[]; count: number };

/** One reading of a sale's live counters; rates come from the difference of two readings. */
export type DashboardSnapshot = {
  at: number;
  stats: SaleStats;
  /** Messages waiting in RabbitMQ for every sale; null when RabbitMQ does not answer. */
  queueDepth: number | null;
  admissionLatency: LatencyHistogram;
};

async function readAdmissionLatency(saleId: string): Promise<LatencyHistogram> {
  const stored = await redis().hgetall(saleKeys(saleId).admissionLatency);
  let count = 0;
  const buckets = LATENCY_BUCKET_NAMES.map((name) => {
    count += Number(stored[name] ?? 0) || 0;
    // JSON has no Infinity: the last bound travels as null and is read back as unbounded.
    return { le: name === "+Inf" ? Number.POSITIVE_INFINITY : Number(name), count };
  });
  return { buckets, count };
}

/** Reads the dashboard's numbers: Redis counters, RabbitMQ depth, admission latency. */
export async function readDashboardSnapshot(saleId: string, now = Date.now): Promise<DashboardSnapshot> {
  const [stats, queueDepth, admissionLatency] = await Promise.all([readSaleStats(saleId), readQueueDepth(saleId), readAdmissionLatency(saleId)]);
  return { at: now(), stats, queueDepth, admissionLatency };
}

/** As readDashboardSnapshot, for a sale that must exist (404 otherwise). */
export async function getSaleDashboard(saleId: string): Promise<DashboardSnapshot> {
  await loadSale(saleId);
  return readDashboardSnapshot(saleId);
}
