import { connectMongo } from "@/lib/db/connect";
import { AuditEvent } from "@/lib/db/models/audit-event";
import { Booking } from "@/lib/db/models/booking";
import { Sale } from "@/lib/db/models/sale";
import { SaleProgress } from "@/lib/db/models/sale-progress";
import { publishSaleState } from "@/lib/domain/inventory/publish-sale-state";
import { readSaleStats, type SaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";

/**
 * Empties the benchmark database (its name was checked to contain "bench") of earlier runs.
 * Documents are deleted rather than the database dropped: on FerretDB a drop waits for every
 * other operation on the server, and one stuck elsewhere then stalls everybody behind it.
 */
export async function clearBenchDatabase(): Promise<void> {
  await connectMongo();
  await Promise.all([Booking.deleteMany({}), Sale.deleteMany({}), SaleProgress.deleteMany({}), AuditEvent.deleteMany({})]);
}

/** A live sale, open for two hours, with holds long enough not to expire during the run. */
export async function createBenchSale(settings: { name: string; stock: number; holdSeconds: number; waitlistMax: number }): Promise<string> {
  await connectMongo();
  const now = Date.now();
  const sale = await Sale.create({
    name: settings.name,
    price: 10,
    currency: "EUR",
    stock: settings.stock,
    startsAt: new Date(now - 60_000),
    endsAt: new Date(now + 2 * 3_600_000),
    holdSeconds: settings.holdSeconds,
    waitlistMax: settings.waitlistMax,
    status: "live",
    createdBy: "bench",
  });
  await publishSaleState(sale);
  return String(sale._id);
}

/** Redis `INFO memory` used_memory, in bytes. */
export async function redisUsedMemory(): Promise<number> {
  const info = await redis().info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Bytes of the sale's users hash (one field per admitted user), counted exactly. */
export async function usersHashBytes(saleId: string): Promise<number> {
  const bytes = await redis().call("MEMORY", "USAGE", saleKeys(saleId).users, "SAMPLES", "0");
  return Number(bytes ?? 0);
}

export type StatsSample = { at: number; admitted: number; served: number };

/**
 * Samples the sale's counters every `intervalMs` (admitted = tickets handed out, served = the
 * worker's frontier), so drain time and the worker's rate come from the same clock as the load.
 */
export class StatsSampler {
  readonly samples: StatsSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private reading = false;
  latest: SaleStats | null = null;

  constructor(
    private readonly saleId: string,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
  }

  async sample(): Promise<SaleStats | null> {
    if (this.reading) return this.latest;
    this.reading = true;
    try {
      const stats = await readSaleStats(this.saleId);
      this.latest = stats;
      this.samples.push({ at: Date.now(), admitted: stats.admitted, served: stats.served });
      return stats;
    } finally {
      this.reading = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One sample per second (seconds since `since`), to plot admitted against served. */
  timeline(since: number): { second: number; admitted: number; served: number }[] {
    const perSecond = new Map<number, StatsSample>();
    for (const sample of this.samples) perSecond.set(Math.floor((sample.at - since) / 1000), sample);
    return [...perSecond].map(([second, { admitted, served }]) => ({ second, admitted, served }));
  }

  /** First sample with anything served, and the busiest one-second stretch of serving. */
  workerRates(): { firstServedAt: number | null; peakPerSecond: number } {
    const firstServed = this.samples.find((sample) => sample.served > 0);
    let peak = 0;
    let from = 0;
    for (let to = 1; to < this.samples.length; to += 1) {
      while (from < to && this.samples[to]!.at - this.samples[from]!.at > 1000) from += 1;
      const start = this.samples[Math.max(0, from - 1)]!;
      const end = this.samples[to]!;
      const seconds = (end.at - start.at) / 1000;
      if (seconds >= 0.5) peak = Math.max(peak, (end.served - start.served) / seconds);
    }
    return { firstServedAt: firstServed?.at ?? null, peakPerSecond: Math.round(peak) };
  }
}
