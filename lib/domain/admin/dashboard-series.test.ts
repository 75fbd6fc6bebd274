import { describe, expect, it } from "vitest";
import { findStall, latencyQuantile, mergeDashboardSeries, summarizeWindow, toDashboardPoint, toDashboardPoints, windowStart } from "@/lib/domain/admin/dashboard-series";
import type { DashboardSnapshot, LatencyHistogram } from "@/lib/domain/admin/dashboard-snapshot";
import type { SaleStats } from "@/lib/domain/inventory/read-sale-stats";

const histogram = (counts: number[]): LatencyHistogram => {
  const bounds = [0.01, 0.1, 1, Number.POSITIVE_INFINITY];
  return { buckets: bounds.map((le, i) => ({ le, count: counts[i]! })), count: counts.at(-1)! };
};

const stats = (over: Partial<SaleStats>): SaleStats => ({
  saleId: "s",
  status: "live",
  stock: 10,
  available: 10,
  holds: 0,
  booked: 0,
  waitlist: 0,
  prequeue: 0,
  admitted: 0,
  served: 0,
  outcomes: { hold: 0, waitlisted: 0, sold_out: 0, booked: 0, expired: 0, cancelled: 0, rejected: 0, promoted: 0 },
  drainRatePerSec: 0,
  ...over,
});

const snapshot = (at: number, over: Partial<SaleStats>, latency = histogram([0, 0, 0, 0])): DashboardSnapshot => ({ at, stats: stats(over), queueDepth: 3, admissionLatency: latency });

describe("dashboard series", () => {
  it("computes latency quantiles from the observations between two readings only", () => {
    const before = histogram([100, 100, 100, 100]);
    const after = histogram([100, 110, 120, 120]);
    // 20 new observations: 10 in (0.01, 0.1], 10 in (0.1, 1]; the median is the top of the first bucket.
    expect(latencyQuantile(before, after, 0.5)).toBeCloseTo(0.1);
    expect(latencyQuantile(before, after, 0.75)).toBeCloseTo(0.55);
    expect(latencyQuantile(after, after, 0.5)).toBeNull();
  });

  it("turns two readings into rates per second and this sale's backlog", () => {
    const point = toDashboardPoint(snapshot(3000, { admitted: 70, served: 40, available: 2, holds: 5, booked: 3 }), snapshot(1000, { admitted: 30, served: 20 }));
    expect(point).toMatchObject({ at: 3000, intentsPerSec: 20, servedPerSec: 10, backlog: 30, available: 2, holds: 5, booked: 3, queueDepth: 3 });
  });

  it("has no rates for the first reading", () => {
    expect(toDashboardPoint(snapshot(1000, { admitted: 5 }))).toMatchObject({ intentsPerSec: null, latencyP50Ms: null });
  });

  it("summarizes the last minute for the tiles", () => {
    const summary = summarizeWindow(snapshot(0, { admitted: 0 }, histogram([0, 0, 0, 0])), snapshot(60_000, { admitted: 120 }, histogram([4, 4, 4, 4])));
    expect(summary).toMatchObject({ seconds: 60, intentsPerSec: 2 });
    expect(summary!.latencyP50Ms).toBeCloseTo(5);
  });
});

describe("dashboard history", () => {
  it("draws the stored history first, then only the live readings newer than it", () => {
    const history = [snapshot(0, { admitted: 1 }), snapshot(10_000, { admitted: 5 })];
    const live = [snapshot(9_000, { admitted: 4 }), snapshot(11_000, { admitted: 6 }), snapshot(12_000, { admitted: 7 }), snapshot(13_000, { admitted: 9 })];
    const merged = mergeDashboardSeries(history, live, 2);
    expect(merged.map((reading) => reading.at)).toEqual([0, 10_000, 12_000, 13_000]);
    const points = toDashboardPoints(merged);
    expect(points[0]!.intentsPerSec).toBeNull();
    expect(points[1]!.intentsPerSec).toBeCloseTo(0.4);
  });

  it("gives latency tiles numbers from a refreshed page's history alone", () => {
    const history = [snapshot(0, {}, histogram([0, 0, 0, 0])), snapshot(10_000, {}, histogram([2, 4, 4, 4])), snapshot(20_000, {}, histogram([2, 4, 4, 4]))];
    const merged = mergeDashboardSeries(history, [], 600);
    const summary = summarizeWindow(windowStart(merged, 60_000), merged.at(-1));
    expect(summary!.latencyP50Ms).toBeCloseTo(10);
  });

  it("counts the whole sale's latency from the start, even admissions before the first reading", () => {
    const first = snapshot(0, {}, histogram([2, 2, 2, 2]));
    const latest = snapshot(10_000, {}, histogram([2, 2, 2, 2]));
    expect(summarizeWindow(first, latest)!.latencyP50Ms).toBeNull();
    expect(summarizeWindow(first, latest, "start")!.latencyP50Ms).toBeCloseTo(5);
  });

  it("raises the stall alert only when shoppers waited and nobody was served for a minute", () => {
    const stalled = [snapshot(0, { admitted: 5, served: 2 }), snapshot(30_000, { admitted: 8, served: 2 }), snapshot(61_000, { admitted: 9, served: 2 })];
    expect(findStall(stalled)).toEqual({ since: 0, waiting: 7 });
    expect(findStall(stalled.slice(0, 2))).toBeNull();
    const moving = [...stalled.slice(0, 2), snapshot(61_000, { admitted: 9, served: 3 })];
    expect(findStall(moving)).toBeNull();
    const drained = [snapshot(0, { admitted: 5, served: 5 }), snapshot(90_000, { admitted: 5, served: 5 })];
    expect(findStall(drained)).toBeNull();
    const paused = stalled.map((reading) => ({ ...reading, stats: { ...reading.stats, status: "paused" } }));
    expect(findStall(paused)).toBeNull();
  });
});
