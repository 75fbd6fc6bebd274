import { metrics } from "@/lib/metrics/registry";
import { readSaleStats, type SaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { readQueueDepth } from "@/lib/domain/admin/read-queue-depth";
import { loadSale } from "@/lib/domain/sales/load-sale";

/** Cumulative admission-latency histogram of this web process: bucket bound (s) → count. */
export type LatencyHistogram = { buckets: { le: number; count: number }[]; count: number };

/** One reading of a sale's live counters; rates come from the difference of two readings. */
export type DashboardSnapshot = {
  at: number;
  stats: SaleStats;
  /** Messages waiting in RabbitMQ for every sale; null when RabbitMQ does not answer. */
  queueDepth: number | null;
  admissionLatency: LatencyHistogram;
};

async function readAdmissionLatency(): Promise<LatencyHistogram> {
  const { values } = await metrics().admissionSeconds.get();
  const buckets = values
    .filter((value) => value.metricName?.endsWith("_bucket"))
    .map((value) => ({ le: value.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(value.labels.le), count: value.value }));
  const count = values.find((value) => value.metricName?.endsWith("_count"))?.value ?? 0;
  return { buckets, count };
}

/** Reads the dashboard's numbers: Redis counters, RabbitMQ depth, admission latency. */
export async function readDashboardSnapshot(saleId: string): Promise<DashboardSnapshot> {
  const [stats, queueDepth, admissionLatency] = await Promise.all([readSaleStats(saleId), readQueueDepth(saleId), readAdmissionLatency()]);
  return { at: Date.now(), stats, queueDepth, admissionLatency };
}

/** As readDashboardSnapshot, for a sale that must exist (404 otherwise). */
export async function getSaleDashboard(saleId: string): Promise<DashboardSnapshot> {
  await loadSale(saleId);
  return readDashboardSnapshot(saleId);
}
