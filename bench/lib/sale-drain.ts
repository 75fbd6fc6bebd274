import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { pauseSale } from "@/lib/domain/sales/pause-sale";
import type { BookingRequest } from "@/lib/messaging/booking-request";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { ipOf } from "./load";
import { deleteBenchQueue, resetBenchQueue } from "./queue";
import { clearBenchDatabase, createBenchSale } from "./sale";
import { ROOT, sleep, startRedis, startWorker, stopAll, type Started } from "./stack";

export type SaleDrainOptions = {
  workers: number;
  intents: number;
  pausedIntents: number;
  stock: number;
  waitlistMax: number;
  redisPort: number;
  redisUrl: string | null;
  workerMetricsPort: number;
  drainSeconds: number;
  out: string;
};

type Drain = { intents: number; seconds: number; perSecond: number };
const BENCH_ACTOR = { id: "bench", email: "bench@local" };

/** Admits `count` users to the sale through the real admission (rate limits, Lua script) and keeps their messages unpublished. */
async function admitUnpublished(saleId: string, count: number, tag: string): Promise<BookingRequest[]> {
  const requests: BookingRequest[] = [];
  const collect = async (request: BookingRequest) => {
    requests.push(request);
  };
  for (let from = 0; from < count; from += 200) {
    const batch = Array.from({ length: Math.min(200, count - from) }, (_, i) => from + i);
    await Promise.all(batch.map((user) => admitIntent({ saleId, userId: `${tag}-${user}`, ip: ipOf(user, 10), userAgent: "flashsale-bench/1" }, collect)));
  }
  return requests.sort((a, b) => a.ticket - b.ticket);
}

/** Publishes the admitted messages in ticket order (confirmed, 200 in flight), as the web would have. */
async function publishAll(requests: BookingRequest[]): Promise<void> {
  for (let from = 0; from < requests.length; from += 200) await Promise.all(requests.slice(from, from + 200).map(publishBookingRequest));
}

/** Waits until the worker's frontier reaches the sale's last ticket; rate measured from the first ticket served (start it before publishing). */
async function measureDrain(saleId: string, intents: number, boundSeconds: number): Promise<Drain> {
  const served = async () => Number((await redis().get(saleKeys(saleId).served)) ?? 0);
  const deadline = Date.now() + boundSeconds * 1000;
  let first: { at: number; served: number } | null = null;
  for (;;) {
    const now = Date.now();
    const count = await served();
    if (count > 0) first ??= { at: now, served: count };
    if (count >= intents) {
      const seconds = Math.max(1e-3, (now - first!.at) / 1000);
      return { intents, seconds: round(seconds), perSecond: round((count - first!.served) / seconds) };
    }
    if (now > deadline) throw new Error(`sale ${saleId} not drained within ${boundSeconds} s (${count} of ${intents} served)`);
    await sleep(20);
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Drain rates of sales served side by side: one sale alone; the same with another sale paused
 * with `pausedIntents` messages queued ahead of it; two live sales at once. The workers run
 * throughout; each phase admits first and then publishes in ticket order, so the rate is the
 * workers', not the admission's.
 */
export async function runSaleDrain(options: SaleDrainOptions): Promise<boolean> {
  const runTag = Date.now().toString(36);
  const logDir = path.join(ROOT, ".run", "bench", `sales-${runTag}`);
  const log = (line: string) => console.log(`bench  ${line}`);
  const workers: Started[] = [];
  try {
    if (!options.redisUrl) await startRedis(options.redisPort, logDir);
    await clearBenchDatabase();
    await resetBenchQueue();
    const newSale = (name: string) => createBenchSale({ name: `${name} ${runTag}`, stock: options.stock, holdSeconds: 3600, waitlistMax: options.waitlistMax });
    for (let i = 0; i < options.workers; i += 1) {
      workers.push(await startWorker({ ...process.env, NODE_ENV: "production" }, options.workerMetricsPort + i, logDir, null, `worker-${i + 1}`));
    }
    log(`${options.workers} worker(s) up; logs in ${path.relative(ROOT, logDir)}`);

    // Untimed, and as large as a measured sale: the first sale pays for cold code paths (the JIT),
    // connection pools and new collections, which otherwise slowed the "alone" phase that follows.
    const warmUp = await newSale("Warm-up");
    await publishAll(await admitUnpublished(warmUp, options.intents, `warm-${runTag}`));
    await measureDrain(warmUp, options.intents, options.drainSeconds);

    const alone = await newSale("Alone");
    const aloneRequests = await admitUnpublished(alone, options.intents, `alone-${runTag}`);
    const aloneDrain = (await Promise.all([measureDrain(alone, options.intents, options.drainSeconds), publishAll(aloneRequests)]))[0];
    log(`alone: ${aloneDrain.perSecond}/s`);

    const paused = await newSale("Paused");
    const pausedRequests = await admitUnpublished(paused, options.pausedIntents, `paused-${runTag}`);
    await pauseSale(paused, BENCH_ACTOR);
    await publishAll(pausedRequests);
    const beside = await newSale("Beside paused");
    const besideRequests = await admitUnpublished(beside, options.intents, `beside-${runTag}`);
    const besidePaused = (await Promise.all([measureDrain(beside, options.intents, options.drainSeconds), publishAll(besideRequests)]))[0];
    const pausedServed = Number((await redis().get(saleKeys(paused).served)) ?? 0);
    log(`beside a paused sale with ${options.pausedIntents} queued: ${besidePaused.perSecond}/s (paused sale served ${pausedServed})`);

    const pair = await Promise.all([newSale("Pair A"), newSale("Pair B")]);
    const pairRequests = await Promise.all(pair.map((saleId, i) => admitUnpublished(saleId, options.intents, `pair${i}-${runTag}`)));
    const startedAt = Date.now();
    const measuring = Promise.all(pair.map((saleId) => measureDrain(saleId, options.intents, options.drainSeconds)));
    await Promise.all(pairRequests.map(publishAll));
    const pairDrains = await measuring;
    const pairSeconds = round((Date.now() - startedAt) / 1000);
    log(`two live sales: ${pairDrains.map((drain) => `${drain.perSecond}/s`).join(" and ")}, both drained ${pairSeconds} s after the first publish`);

    const ratio = round(besidePaused.perSecond / aloneDrain.perSecond);
    const result = {
      at: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
      options,
      alone: aloneDrain,
      besidePausedSale: { ...besidePaused, pausedIntents: options.pausedIntents, pausedServed },
      twoLiveSales: { drains: pairDrains, secondsForBoth: pairSeconds },
      rateBesidePausedOverAlone: ratio,
      pass: ratio >= 0.8 && pausedServed === 0,
    };
    mkdirSync(path.resolve(ROOT, options.out), { recursive: true });
    const file = path.resolve(ROOT, options.out, `sales-${options.workers}w-${runTag}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`${result.pass ? "PASS" : "FAIL"} beside a paused sale the drain rate is ${Math.round(ratio * 100)} % of the rate alone (≥ 80 % required); results: ${path.relative(ROOT, file)}`);
    return result.pass;
  } finally {
    // Before stopAll: the list of the queues to delete is in the bench's Redis.
    await deleteBenchQueue().catch(() => {});
    await stopAll();
  }
}
