import http from "node:http";
import { readFileSync } from "node:fs";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { mintCookies } from "./benchmark";
import { LatencyRecorder, type LatencySummary } from "./latency";
import { cpuSeconds, round } from "./proc-stats";
import { resetBenchQueue } from "./queue";
import { createBenchSale } from "./sale";
import { sleep, startWorker, stop, type Started } from "./stack";

/** Cores each process kept busy while the line drained (what the worker competed with on this machine). */
export type DrainCpu = { worker: number; web: number; redis: number; streamClients: number };

export type DrainMeasure = { tickets: number; seconds: number; ticketsPerSecond: number; redisCommandsPerSecond: number; userStatusReads: number; cpuCores: DrainCpu };

export type WaitingMeasure = {
  streams: number;
  streamsOpened: number;
  /** Web RSS added per stream, 2 s after the last opened. */
  rssBytesPerStream: number;
  /** The same after SETTLE_MS more of idle streams. */
  rssSettledBytesPerStream: number;
  /**
   * What one more stream adds: the RSS slope from half the streams to all of them, each read 2 s
   * after its last stream opened. The heap the web grows once whatever it holds (V8's young
   * generation, pools) is in the figures above, spread over the streams; not in this one.
   */
  rssMarginalBytesPerStream: number;
  /** Streams open at the first point of that slope (0: too few streams for one). */
  rssMarginalFromStreams: number;
  webCpuCoresDuringDrain: number;
  /** Redis commands/s with streams, less what the drain itself sends at that rate (per ticket, as without). */
  redisCommandsPerSecondForWaiting: number;
  /** Reads of a waiting shopper's own status (the status MULTI's HLEN) while the line moved. */
  userStatusReadsWhileWaiting: number;
  /** Frontier events received by the sampled streams (one in SAMPLE_EVERY). */
  frontierEvents: number;
  updateDelayMs: LatencySummary;
  drainWithout: DrainMeasure;
  drainWith: DrainMeasure;
  drainRatio: number;
};

export type WaitingSetup = {
  env: NodeJS.ProcessEnv;
  logDir: string;
  tag: string;
  webPid: number;
  webPort: number;
  workerMetricsPort: number;
  redisPid: number | null;
};

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}

async function commandStats(): Promise<{ total: number; hlen: number }> {
  const [stats, commands] = await Promise.all([redis().info("stats"), redis().info("commandstats")]);
  return { total: Number(/total_commands_processed:(\d+)/.exec(stats)?.[1] ?? 0), hlen: Number(/cmdstat_hlen:calls=(\d+)/.exec(commands)?.[1] ?? 0) };
}

/** Queues `count` users in-process (fast, no HTTP) while no worker serves: the line to drain. */
async function queueUsers(saleId: string, userIds: string[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < userIds.length) {
      const index = next++;
      // Distinct addresses: the per-IP limit is not what this measures.
      await admitIntent({ saleId, userId: userIds[index]!, ip: `10.77.${(index >> 8) & 255}.${index & 255}`, userAgent: "flashsale-bench/1" }, publishBookingRequest);
    }
  };
  await Promise.all(Array.from({ length: 200 }, lane));
}

/** A timeline of the sale's frontier sampled every 25 ms, to date when each served value appeared. */
function frontierTimeline(saleId: string) {
  const at: number[] = [];
  const served: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      // A failed sample is logged and the next one taken: a dropped connection (ioredis reconnects)
      // used to reject this loop, unawaited until the end, and end the run without results.
      const value = await redis()
        .get(saleKeys(saleId).served)
        .then(Number)
        .catch((error: unknown) => {
          console.error(`bench  frontier sample failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        });
      if (value !== null && (served.length === 0 || value > served[served.length - 1]!)) {
        at.push(Date.now());
        served.push(value);
      }
      await sleep(25);
    }
  })();
  return {
    latest: () => served[served.length - 1] ?? 0,
    /** When the frontier was first seen at or beyond `value`. */
    firstSeen(value: number): number | null {
      let low = 0;
      let high = served.length - 1;
      let found: number | null = null;
      while (low <= high) {
        const middle = (low + high) >> 1;
        if (served[middle]! >= value) {
          found = at[middle]!;
          high = middle - 1;
        } else low = middle + 1;
      }
      return found;
    },
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Runs the worker over a queued line of `tickets` until served reaches it; the worker is then stopped. */
async function drain(setup: WaitingSetup, tickets: number, timeline: ReturnType<typeof frontierTimeline>): Promise<DrainMeasure & { worker: Started }> {
  const before = await commandStats();
  const worker = await startWorker(setup.env, setup.workerMetricsPort, setup.logDir, null);
  while (timeline.latest() === 0) await sleep(25);
  const firstAt = Date.now();
  const cpuBefore = { worker: cpuSeconds(worker.pid), web: cpuSeconds(setup.webPid), redis: setup.redisPid ? cpuSeconds(setup.redisPid) : 0, client: process.cpuUsage() };
  const deadline = firstAt + 120_000;
  while (timeline.latest() < tickets && Date.now() < deadline) await sleep(25);
  const seconds = (Date.now() - firstAt) / 1000;
  const after = await commandStats();
  const cores = (used: number) => round(used / seconds, 2);
  const client = process.cpuUsage(cpuBefore.client);
  return {
    cpuCores: {
      worker: cores(cpuSeconds(worker.pid) - cpuBefore.worker),
      web: cores(cpuSeconds(setup.webPid) - cpuBefore.web),
      redis: setup.redisPid ? cores(cpuSeconds(setup.redisPid) - cpuBefore.redis) : 0,
      streamClients: cores((client.user + client.system) / 1e6),
    },
    worker,
    tickets: timeline.latest(),
    seconds: round(seconds, 2),
    ticketsPerSecond: Math.round(timeline.latest() / seconds),
    redisCommandsPerSecond: Math.round((after.total - before.total) / seconds),
    userStatusReads: after.hlen - before.hlen,
  };
}

type Stream = { request: http.ClientRequest; opened: boolean };

/**
 * Streams of which every frontier event is parsed and dated; the others only count their opening
 * and read what comes. The clients share the machine with the worker: parsing 10,000 streams' events
 * in this process would take CPU from the drain it measures.
 */
const SAMPLE_EVERY = 10;

/** How long the open streams idle before the second memory reading. */
const SETTLE_MS = 20_000;

/** Opens one SSE stream and reports its opening; a sampled one reports each frontier event's served value and arrival time. */
function openStream(port: number, saleId: string, cookie: string, sampled: boolean, onOpen: () => void, onFrontier: (served: number, at: number) => void): Stream {
  const stream: Stream = { request: null as unknown as http.ClientRequest, opened: false };
  let buffer = "";
  stream.request = http.get({ host: "127.0.0.1", port, path: `/api/sales/${saleId}/events`, headers: { cookie, "x-forwarded-for": "10.66.0.1" }, agent: false }, (response) => {
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      if (stream.opened && !sampled) return;
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!stream.opened && message.includes("event: status")) {
          stream.opened = true;
          onOpen();
        } else if (message.startsWith("event: frontier")) {
          const served = /"served":(\d+)/.exec(message);
          if (served) onFrontier(Number(served[1]), Date.now());
        }
      }
    });
    response.on("error", () => {});
  });
  stream.request.on("error", () => {});
  return stream;
}

const measureOf = ({ tickets, seconds, ticketsPerSecond, redisCommandsPerSecond, userStatusReads, cpuCores }: DrainMeasure): DrainMeasure => ({
  tickets,
  seconds,
  ticketsPerSecond,
  redisCommandsPerSecond,
  userStatusReads,
  cpuCores,
});

/**
 * The sales of the waiting scenario. Few holds and waitlist places: each one is a booking written
 * to MongoDB, and with 1,000 of each the drain measured MongoDB on a loaded machine (17 tickets/s,
 * the line never drained in the time allowed). The rest of the line is the worker's Redis path,
 * the one the streams' reads could slow down.
 */
const WAITING_SALE = { stock: 100, holdSeconds: 3600, waitlistMax: 100 };

/**
 * N shoppers wait on SSE streams (queued behind a line of `lineTickets`) while the worker drains
 * the line; the same line is drained once without streams first. Measures what the waiting costs:
 * web memory per stream, web CPU, Redis commands, reads of the shoppers' own state (expected 0:
 * their state does not change), how late frontier updates arrive, and the drain rate's ratio.
 */
export async function measureWaiting(setup: WaitingSetup, streams: number, lineTickets: number): Promise<WaitingMeasure> {
  // Without streams.
  const quietSale = await createBenchSale({ name: `Waiting ${setup.tag} without`, ...WAITING_SALE });
  await queueUsers(quietSale, Array.from({ length: lineTickets }, (_, i) => `wait-${setup.tag}-q-${i}`));
  const quietTimeline = frontierTimeline(quietSale);
  const without = await drain(setup, lineTickets, quietTimeline);
  await quietTimeline.stop();
  await stop(without.worker);
  // What the time allowed did not drain must not be served beside the next line.
  await resetBenchQueue();

  // With streams: the line, then the waiting shoppers behind it.
  const busySale = await createBenchSale({ name: `Waiting ${setup.tag} with`, ...WAITING_SALE });
  await queueUsers(busySale, Array.from({ length: lineTickets }, (_, i) => `wait-${setup.tag}-l-${i}`));
  const waiterIds = Array.from({ length: streams }, (_, i) => `wait-${setup.tag}-w-${i}`);
  await queueUsers(busySale, waiterIds);
  const cookies = await mintCookies(waiterIds);

  const rssBefore = rssBytes(setup.webPid);
  const delays = new LatencyRecorder();
  const received: { served: number; at: number }[] = [];
  let opened = 0;
  const open: Stream[] = [];
  const half = Math.floor(streams / 1000) * 500;
  let rssHalf: { bytes: number; opened: number } | null = null;
  for (let i = 0; i < streams; i += 500) {
    if (i === half && half > 0) {
      await sleep(2000);
      rssHalf = { bytes: rssBytes(setup.webPid), opened };
    }
    for (const [j, cookie] of cookies.slice(i, i + 500).entries()) {
      open.push(openStream(setup.webPort, busySale, cookie, (i + j) % SAMPLE_EVERY === 0, () => (opened += 1), (served, at) => received.push({ served, at })));
    }
    const target = Math.min(streams, i + 500);
    const deadline = Date.now() + 60_000;
    while (opened < target && Date.now() < deadline) await sleep(50);
  }
  await sleep(2000); // the streams' one catch-up read, a tick or two after opening
  const rssAfter = rssBytes(setup.webPid);
  // The same streams once the web has been idle a while: V8 has collected the opening's garbage
  // (JWT decoding, status reads) and given some of the heap back. What the streams themselves keep.
  await sleep(SETTLE_MS);
  const rssSettled = rssBytes(setup.webPid);

  const timeline = frontierTimeline(busySale);
  const cpuBefore = cpuSeconds(setup.webPid);
  received.length = 0;
  const withStreams = await drain(setup, lineTickets, timeline);
  const webCpu = cpuSeconds(setup.webPid) - cpuBefore;
  await timeline.stop();
  await stop(withStreams.worker);
  for (const stream of open) stream.request.destroy();

  for (const event of received) {
    const first = timeline.firstSeen(event.served);
    if (first !== null) delays.record(Math.max(0, event.at - first));
  }
  return {
    streams,
    streamsOpened: opened,
    rssBytesPerStream: Math.round((rssAfter - rssBefore) / Math.max(1, opened)),
    rssSettledBytesPerStream: Math.round((rssSettled - rssBefore) / Math.max(1, opened)),
    rssMarginalBytesPerStream: rssHalf === null ? 0 : Math.round((rssAfter - rssHalf.bytes) / Math.max(1, opened - rssHalf.opened)),
    rssMarginalFromStreams: rssHalf?.opened ?? 0,
    webCpuCoresDuringDrain: round(webCpu / withStreams.seconds, 3),
    // The drain's own commands scale with its rate, which the streams change: what the drain would
    // have sent at the with-streams rate (its commands per ticket without streams) is taken off.
    redisCommandsPerSecondForWaiting: Math.round(
      withStreams.redisCommandsPerSecond - (without.redisCommandsPerSecond / Math.max(1, without.ticketsPerSecond)) * withStreams.ticketsPerSecond,
    ),
    userStatusReadsWhileWaiting: withStreams.userStatusReads,
    frontierEvents: received.length,
    updateDelayMs: delays.summary(),
    drainWithout: measureOf(without),
    drainWith: measureOf(withStreams),
    drainRatio: round(withStreams.ticketsPerSecond / Math.max(1, without.ticketsPerSecond), 2),
  };
}
