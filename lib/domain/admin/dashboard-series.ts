import type { DashboardSnapshot, LatencyHistogram } from "@/lib/domain/admin/dashboard-snapshot";

/** One point of the dashboard's charts. Rates are per second since the previous reading. */
export type DashboardPoint = {
  at: number;
  available: number;
  holds: number;
  booked: number;
  waitlist: number;
  /** Admitted tickets the worker has not served yet (this sale's share of the queue). */
  backlog: number;
  queueDepth: number | null;
  intentsPerSec: number | null;
  servedPerSec: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
};

/**
 * A quantile from the difference of two cumulative histograms, interpolated inside its bucket
 * (as Prometheus' histogram_quantile does). Null when nothing was observed in between.
 */
export function latencyQuantile(previous: LatencyHistogram | undefined, current: LatencyHistogram, q: number): number | null {
  const before = new Map(previous?.buckets.map((bucket) => [bucket.le, bucket.count]));
  const buckets = current.buckets.map((bucket) => ({ le: bucket.le, count: bucket.count - (before.get(bucket.le) ?? 0) }));
  const total = buckets.at(-1)?.count ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (!Number.isFinite(bucket.le)) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      return inBucket > 0 ? lowerBound + ((bucket.le - lowerBound) * (rank - lowerCount)) / inBucket : bucket.le;
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}

const perSecond = (delta: number, ms: number) => (ms > 0 ? Math.max(0, (delta * 1000) / ms) : null);

/** Turns a reading (and the one before it, if any) into a chart point. */
export function toDashboardPoint(current: DashboardSnapshot, previous?: DashboardSnapshot): DashboardPoint {
  const { stats } = current;
  const elapsed = previous ? current.at - previous.at : 0;
  const p50 = previous ? latencyQuantile(previous.admissionLatency, current.admissionLatency, 0.5) : null;
  const p95 = previous ? latencyQuantile(previous.admissionLatency, current.admissionLatency, 0.95) : null;
  return {
    at: current.at,
    available: stats.available,
    holds: stats.holds,
    booked: stats.booked,
    waitlist: stats.waitlist,
    backlog: Math.max(0, stats.admitted - stats.served),
    queueDepth: current.queueDepth,
    intentsPerSec: previous ? perSecond(stats.admitted - previous.stats.admitted, elapsed) : null,
    servedPerSec: previous ? perSecond(stats.served - previous.stats.served, elapsed) : null,
    latencyP50Ms: p50 === null ? null : p50 * 1000,
    latencyP95Ms: p95 === null ? null : p95 * 1000,
  };
}

export type WindowSummary = { seconds: number; intentsPerSec: number | null; latencyP50Ms: number | null; latencyP95Ms: number | null };

/**
 * Rates and admission latency over a longer window (oldest → latest reading): steadier numbers for
 * the tiles than the one-second chart points, and a latency even when intents come rarely. With
 * `latencySince: "start"` the latency covers the whole sale (the per-sale histogram counts from
 * the start), including admissions before the oldest reading.
 */
export function summarizeWindow(
  oldest: DashboardSnapshot | undefined,
  latest: DashboardSnapshot | undefined,
  latencySince: "oldest" | "start" = "oldest",
): WindowSummary | null {
  if (!oldest || !latest || latest.at <= oldest.at) return null;
  const before = latencySince === "start" ? undefined : oldest.admissionLatency;
  const p50 = latencyQuantile(before, latest.admissionLatency, 0.5);
  const p95 = latencyQuantile(before, latest.admissionLatency, 0.95);
  return {
    seconds: Math.round((latest.at - oldest.at) / 1000),
    intentsPerSec: perSecond(latest.stats.admitted - oldest.stats.admitted, latest.at - oldest.at),
    latencyP50Ms: p50 === null ? null : p50 * 1000,
    latencyP95Ms: p95 === null ? null : p95 * 1000,
  };
}

/**
 * The readings the dashboard draws: the server's history (one per 10 s since the start), then the
 * live readings of this page newer than it, the live ones capped at `maxLive`. Sorted by time.
 */
export function mergeDashboardSeries(history: DashboardSnapshot[], live: DashboardSnapshot[], maxLive: number): DashboardSnapshot[] {
  const lastStored = history.at(-1)?.at ?? Number.NEGATIVE_INFINITY;
  return [...history, ...live.filter((snapshot) => snapshot.at > lastStored).slice(-maxLive)];
}

/** Chart points of a series of readings, each against the one before it. */
export function toDashboardPoints(snapshots: DashboardSnapshot[]): DashboardPoint[] {
  return snapshots.map((snapshot, index) => toDashboardPoint(snapshot, snapshots[index - 1]));
}

/** The oldest reading within `windowMs` of the latest one. */
export function windowStart(snapshots: DashboardSnapshot[], windowMs: number): DashboardSnapshot | undefined {
  const latest = snapshots.at(-1);
  return latest && snapshots.find((snapshot) => snapshot.at >= latest.at - windowMs);
}

/** Shoppers wait and nobody was served this long: the alert's threshold. */
export const STALL_MS = 60_000;

export type Stall = { since: number; waiting: number };

/**
 * A live sale whose line has not moved: tickets admitted but not served, and the served frontier
 * unchanged for at least STALL_MS. Since when, and how many wait.
 */
export function findStall(snapshots: DashboardSnapshot[]): Stall | null {
  const latest = snapshots.at(-1);
  if (!latest || latest.stats.status !== "live") return null;
  const waiting = latest.stats.admitted - latest.stats.served;
  if (waiting <= 0) return null;
  let since = latest.at;
  for (let index = snapshots.length - 2; index >= 0; index -= 1) {
    const earlier = snapshots[index]!;
    if (earlier.stats.served !== latest.stats.served || earlier.stats.admitted <= earlier.stats.served) break;
    since = earlier.at;
  }
  return latest.at - since >= STALL_MS ? { since, waiting } : null;
}
