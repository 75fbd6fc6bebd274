import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { env } from "@/lib/config/env";
import { disconnectMongo } from "@/lib/db/connect";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { closeRabbitPublisher } from "@/lib/messaging/rabbit";
import { closeRedis, redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { profileThisProcess, summarizeProfile, type ProfileSummary } from "./cpu-profile";
import { createEngineUserClient } from "./engine-client";
import { compareHosts, type HostMeasure } from "./host-comparison";
import { createHttpTransport, createHttpUserClient, roundRobin, type HttpTransport } from "./http-client";
import { checkInvariants, type Check } from "./invariants";
import { ipOf, runLoad, type LoadResult, type Scenario, type UserClient } from "./load";
import type { BenchOptions } from "./options";
import { cpuBetween, cpuSnapshot, peakRssBytes, pidListeningOn, round, type TrackedProcess } from "./proc-stats";
import { brokerQueueStats, deleteBenchQueue, queueDepth, resetBenchQueue, type BrokerQueueStats } from "./queue";
import { machineInfo, writeResult, type BenchResult } from "./report";
import { clearBenchDatabase, createBenchSale, redisUsedMemory, StatsSampler, usersHashBytes } from "./sale";
import { exited, ROOT, sleep, snapshotBuild, startBareServer, startFerretDb, startRedis, startWeb, startWorker, stop, stopAll, unexpectedExits, type Started } from "./stack";

const MEASURES = {
  http: "the whole path a shopper's request takes: keep-alive HTTP → `next start` (routing, session JWT decode, route handler) → rate limits, Lua admission, confirmed RabbitMQ publish → 202; the worker serving the queue in its own process.",
  engine:
    "the admission engine without Next's HTTP layer or the session JWT check: `admitIntent` (rate limits, Lua admission, confirmed RabbitMQ publish) called in the benchmark process, as the route handler calls it; the worker serving the queue in its own process.",
};

const log = (message: string) => console.log(`bench  ${message}`);

/** Bounds a step that waits on a server (a MongoDB that stops answering must not hang the run). */
function within<T>(what: string, seconds: number, step: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([step, timeout]).finally(() => clearTimeout(timer));
}

/** Builds .next if the sources are newer than the last build (shared lock with `npm start`). */
export function ensureBuild(): void {
  try {
    execFileSync(process.execPath, ["--input-type=module", "-e", 'await (await import("./scripts/lib/next-build.mjs")).buildIfStale();'], {
      cwd: ROOT,
      stdio: "inherit",
    });
  } catch (error) {
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error(`next build failed and there is no earlier build: ${String(error)}`);
    log("next build failed; benchmarking the earlier build in .next");
  }
}

/** Session cookies minted the way next-auth signs them (no database users needed). */
export async function mintCookies(userIds: string[]): Promise<string[]> {
  const secret = env().NEXTAUTH_SECRET;
  const cookies: string[] = [];
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    const tokens = await Promise.all(chunk.map((sub) => encode({ token: { sub, email: `${sub}@bench.local`, role: "shopper" }, secret })));
    cookies.push(...tokens.map((token) => `next-auth.session-token=${token}`));
  }
  return cookies;
}

function scenarioOf(options: BenchOptions, users: number, deadline: number): Scenario {
  return {
    users,
    concurrency: options.concurrency,
    duplicateShare: options.duplicateShare,
    duplicateSends: options.duplicateSends,
    refresherShare: options.refresherShare,
    polls: options.polls,
    refreshDelayMs: options.refreshDelayMs,
    deadline,
  };
}

/** The same client against a bare node:http server answering 202: the ceiling of this machine and client. */
async function runBaseline(options: BenchOptions, cookies: string[], logDir: string): Promise<LoadResult> {
  const port = options.webPort + 1;
  const bare = await startBareServer(port, logDir);
  const transport = createHttpTransport(port, options.concurrency);
  const client = createHttpUserClient(transport, { saleId: "bare", cookieOf: (user) => cookies[user]!, ipOf: (user) => ipOf(user, options.usersPerIp), solvesChallenges: false });
  try {
    const plain = { ...scenarioOf(options, cookies.length, Date.now() + 60_000), duplicateShare: 0, refresherShare: 0 };
    return await runLoad(client, plain);
  } finally {
    transport.close();
    await stop(bare);
  }
}

export async function runBenchmark(options: BenchOptions): Promise<boolean> {
  const startedAt = new Date();
  const runTag = startedAt.getTime().toString(36);
  const logDir = path.join(ROOT, ".run", "bench", runTag);
  const profileDir = (name: string) => (options.profile ? path.join(logDir, "profile", name) : null);
  const notes: string[] = [];
  const onSignal = () => void stopAll().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // The last bound: whatever hangs (a server that stops answering), the run ends and cleans up.
  const budgetSeconds = options.maxSeconds + options.drainSeconds + 900;
  const watchdog = setTimeout(() => {
    console.error(`bench  still running after ${budgetSeconds} s; stopping everything it started`);
    void stopAll().finally(() => process.exit(3));
  }, budgetSeconds * 1000);
  watchdog.unref();
  log(`${options.mode} mode, ${options.users.toLocaleString()} users, concurrency ${options.concurrency}, stock ${options.stock}; logs in ${path.relative(ROOT, logDir)}`);

  let worker: Started | null = null;
  const webs: Started[] = [];
  try {
    const redisServer = options.redisUrl ? null : await startRedis(options.redisPort, logDir);
    if (!redisServer) notes.push(`Redis at ${options.redisUrl} is shared: its memory figures include whatever else it holds.`);
    const mongoServer = options.mongoUrl ? null : await startFerretDb(options.mongoPort, logDir);
    notes.push(mongoServer ? "MongoDB: a private FerretDB 1.24 (SQLite backend) started for the run." : `MongoDB: the server at ${options.mongoUrl}.`);
    await within("emptying the bench MongoDB database", 60, clearBenchDatabase());
    await within("resetting the bench queue", 30, resetBenchQueue());
    const saleId = await within("creating the sale", 60, createBenchSale({ name: `Bench ${runTag}`, stock: options.stock, holdSeconds: options.holdSeconds, waitlistMax: options.waitlistMax }));
    const workerEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
    if (options.worker === "concurrent") worker = await startWorker(workerEnv, options.workerMetricsPort, logDir, profileDir("worker"));

    const userIdOf = (user: number) => `bench-${runTag}-${user}`;
    const userIndexOf = (userId: string) => Number(userId.slice(userId.lastIndexOf("-") + 1));
    const ipOfUser = (user: number) => ipOf(user, options.usersPerIp);
    let client: UserClient;
    let transport: HttpTransport | null = null;
    let baseline: LoadResult | null = null;
    let warmUp: (warmSaleId: string, warmIds: string[]) => Promise<UserClient>;
    let appDir: string | null = null;
    const warmIpOf = (user: number) => `10.254.${(user >> 8) & 255}.${user & 255}`;

    if (options.mode === "http") {
      ensureBuild();
      appDir = snapshotBuild(logDir);
      const mintStarted = Date.now();
      const cookies = await mintCookies(Array.from({ length: options.users }, (_, user) => userIdOf(user)));
      log(`minted ${cookies.length.toLocaleString()} session JWTs in ${((Date.now() - mintStarted) / 1000).toFixed(1)} s`);
      if (options.baseline) {
        baseline = await runBaseline(options, cookies.slice(0, Math.min(cookies.length, 20_000)), logDir);
        log(`bare node:http with the same client: ${Math.round(baseline.intents.sent / ((baseline.endedAt - baseline.startedAt) / 1000)).toLocaleString()} requests/s`);
      }
      // Ports web-port, +2, +4…: web-port + 1 is the bare baseline's.
      const webPorts = Array.from({ length: options.webProcesses }, (_, i) => options.webPort + 2 * i);
      for (const [i, port] of webPorts.entries()) webs.push(await startWeb(appDir, workerEnv, port, logDir, profileDir(i === 0 ? "web" : `web-${i + 1}`)));
      transport = roundRobin(webPorts.map((port) => createHttpTransport(port, options.concurrency)));
      if (webs.length > 1) notes.push(`${webs.length} \`next start\` processes; the client sent each request to the next one (round robin), as a load balancer would. The web figures add up all of them.`);
      const warmTransport = transport;
      warmUp = async (warmSaleId, warmIds) => {
        const warmCookies = await mintCookies(warmIds);
        return createHttpUserClient(warmTransport, { saleId: warmSaleId, cookieOf: (user) => warmCookies[user]!, ipOf: warmIpOf, solvesChallenges: true });
      };
      client = createHttpUserClient(transport, { saleId, cookieOf: (user) => cookies[user]!, ipOf: ipOfUser, solvesChallenges: true });
    } else {
      client = createEngineUserClient({ saleId, userIdOf, ipOf: ipOfUser });
      warmUp = async (warmSaleId, warmIds) => createEngineUserClient({ saleId: warmSaleId, userIdOf: (user) => warmIds[user]!, ipOf: warmIpOf });
    }
    if (options.warmup > 0) {
      // JIT, connections, scripts and the confirm channel warmed on a sale of its own, so the
      // measured sale starts clean.
      const warmSaleId = await within("creating the warm-up sale", 60, createBenchSale({ name: `Warm-up ${runTag}`, stock: 10, holdSeconds: options.holdSeconds, waitlistMax: 10 }));
      const warmIds = Array.from({ length: options.warmup }, (_, i) => `warm-${runTag}-${i}`);
      const warmClient = await warmUp(warmSaleId, warmIds);
      await runLoad(warmClient, { ...scenarioOf(options, options.warmup, Date.now() + 60_000), refresherShare: 1, polls: 1, refreshDelayMs: 0 });
    }

    const tracked: TrackedProcess[] = [{ name: options.mode === "engine" ? "bench (engine + load)" : "bench (load)", pid: process.pid, role: "load", alone: true }];
    for (const [i, web] of webs.entries()) tracked.push({ name: i === 0 ? "web" : `web ${i + 1}`, pid: web.pid, role: "web" });
    if (worker) tracked.push({ name: "worker", pid: worker.pid, role: "worker" });
    if (redisServer) tracked.push({ name: "redis", pid: redisServer.pid, role: "redis" });
    const portOf = (url: string, fallback: number) => Number(/:\/\/(?:[^@/]*@)?[^:/,]+:(\d+)/.exec(url)?.[1] ?? fallback);
    const rabbitPid = pidListeningOn(portOf(env().RABBITMQ_URL[0]!, 5672)); // the first broker listed
    if (rabbitPid) tracked.push({ name: "rabbitmq", pid: rabbitPid, role: "broker" });
    // The MongoDB server's own process (FerretDB here; a PostgreSQL backend's work is not in it).
    const mongoPid = mongoServer?.pid ?? pidListeningOn(portOf(env().MONGODB_URL, 27017));
    if (mongoPid) tracked.push({ name: "mongodb", pid: mongoPid, role: "mongodb" });

    const redisBefore = await redisUsedMemory();
    const sampler = new StatsSampler(saleId);
    // The largest backlog rabbitmqctl saw (an object, so the sampling loop's writes are visible).
    const brokerPeak: { stats: BrokerQueueStats } = { stats: null };
    let brokerSampling = true;
    const brokerLoop = (async () => {
      // rabbitmqctl starts an Erlang VM per call, so sample it rarely.
      while (brokerSampling) {
        const stats = await brokerQueueStats();
        if (stats && stats.messages > (brokerPeak.stats?.messages ?? 0)) brokerPeak.stats = stats;
        for (let waited = 0; brokerSampling && waited < 10_000; waited += 250) await sleep(250);
      }
    })();

    const engineProfileDir = options.mode === "engine" ? profileDir("engine") : null;
    const stopEngineProfile = engineProfileDir ? profileThisProcess(engineProfileDir, "engine") : null;
    const cpuStart = cpuSnapshot(tracked);
    sampler.start();
    log("load started");
    const deadline = Date.now() + options.maxSeconds * 1000;
    const load = await runLoad(client, scenarioOf(options, options.users, deadline), (done) => log(`${done.toLocaleString()} users answered`));
    const cpuAdmission = cpuSnapshot(tracked);
    await stopEngineProfile?.();
    const redisAfterAdmission = await redisUsedMemory();
    const admittedUsers = load.admissionsOf.reduce((sum, count) => sum + (count > 0 ? 1 : 0), 0);
    if (load.stoppedEarly) notes.push(`Cut short by --max-seconds ${options.maxSeconds}: ${load.usersStarted.toLocaleString()} of ${options.users.toLocaleString()} users started.`);
    log(`admission over: ${admittedUsers.toLocaleString()} admitted in ${((load.lastAdmittedAt - load.startedAt) / 1000).toFixed(1)} s`);

    if (options.worker === "after") {
      const brokerNow = await brokerQueueStats();
      if (brokerNow && brokerNow.messages > (brokerPeak.stats?.messages ?? 0)) brokerPeak.stats = brokerNow;
      worker = await startWorker(workerEnv, options.workerMetricsPort, logDir, profileDir("worker"));
      tracked.push({ name: "worker", pid: worker.pid, role: "worker" });
    }
    brokerSampling = false;

    // Drained when the worker's frontier reached the last ticket (bounded by --drain-seconds).
    const drainDeadline = Date.now() + options.drainSeconds * 1000;
    let drainedAt: number | null = null;
    let voided = 0;
    while (Date.now() < drainDeadline && !(worker && exited(worker))) {
      const stats = await sampler.sample();
      voided = await redis().scard(saleKeys(saleId).void);
      const settled = stats ? stats.outcomes.hold + stats.outcomes.waitlisted + stats.outcomes.sold_out + stats.outcomes.rejected : 0;
      if (stats && (stats.served >= stats.admitted || settled + voided >= stats.admitted)) {
        drainedAt = Date.now();
        break;
      }
      await sleep(100);
    }
    sampler.stop();
    const cpuEnd = cpuSnapshot(tracked);
    if (!drainedAt) notes.push(`Not drained within --drain-seconds ${options.drainSeconds}.`);
    log(drainedAt ? `drained ${((drainedAt - load.startedAt) / 1000).toFixed(1)} s after the first intent` : "NOT drained in time");

    const redisAfterDrain = await redisUsedMemory();
    const hashBytes = await usersHashBytes(saleId);
    const peakRssMb = Object.fromEntries(tracked.filter((t) => ["load", "web", "worker", "redis"].includes(t.role)).map((t) => [t.name, peakRssBytes(t.pid)]));
    for (const key of Object.keys(peakRssMb)) peakRssMb[key] = peakRssMb[key] === null ? null : round(peakRssMb[key]! / 1024 / 1024, 0);

    // Stopping the worker returns any unacknowledged message to the queue, where the check sees it.
    await stop(worker!);
    for (const web of webs) await stop(web);
    transport?.close();
    await brokerLoop;
    const depth = await queueDepth();
    const checkContext = { saleId, stock: options.stock, waitlistMax: options.waitlistMax, duplicateSends: options.duplicateSends, load, userIndexOf, queueMessages: depth.messages };
    const checks: Check[] = await within("the invariant checks", 180, checkInvariants(checkContext)).catch((error: unknown) => [
      { name: "the invariant checks ran", pass: false, detail: error instanceof Error ? error.message : String(error) },
    ]);

    // After the checks (they count the queue): the comparison's intents queue with no worker running.
    let hosts: HostMeasure[] | null = null;
    if (appDir && options.compareUsers > 0) {
      log(`hosts: ${options.compareUsers.toLocaleString()} intents each on server.ts, next start and the engine`);
      const setup = { appDir, env: workerEnv, logDir, tag: runTag, users: options.compareUsers, concurrency: options.concurrency, usersPerIp: options.usersPerIp, profile: options.profile };
      hosts = await compareHosts(setup, options.webPort + 2 * options.webProcesses);
      for (const m of hosts) log(`${m.host}: ${m.admittedPerCpuSecond} admissions per CPU-s, p99 ${m.latencyMs.p99} ms`);
    }

    const stats = await readSaleStats(saleId);
    const { firstServedAt, peakPerSecond } = sampler.workerRates();
    const admissionSeconds = Math.max(1e-3, ((load.lastAdmittedAt || load.endedAt) - load.startedAt) / 1000);
    const admitted = stats.admitted - voided;
    const profiles: Record<string, ProfileSummary> = {};
    for (const name of options.profile ? ["web", "engine", "worker"] : []) {
      const summary = summarizeProfile(profileDir(name)!);
      if (summary) profiles[name === "web" ? "server.ts (web)" : name === "engine" ? "engine (bench process, admission only)" : "worker"] = summary;
    }
    const broker = brokerPeak.stats;
    notes.push(...unexpectedExits);
    if (options.worker === "concurrent") notes.push("The worker served while users arrived, so the RabbitMQ sample is of whatever backlog there was; `--worker after` queues every user first.");
    notes.push("Redis bytes at the end of admission include the rate-limit counters of the last 10 s (one per user and per IP); after the drain they have expired and what is left is the sale's state (users hash, holds, bookings outbox).");

    const admissionCpu = cpuBetween(tracked, cpuStart, cpuAdmission);
    const wholeRunCpu = cpuBetween(tracked, cpuStart, cpuEnd);
    const admitterRole = options.mode === "http" ? "web" : "load";
    const admitterSeconds = admissionCpu.filter((c) => c.role === admitterRole).reduce((sum, c) => sum + c.cpuSeconds, 0);
    const admitter = admitterSeconds > 0 ? { cpuSeconds: admitterSeconds } : undefined;
    const workerCpu = wholeRunCpu.find((c) => c.role === "worker");
    const requests = load.intents.sent + load.polls.sent;
    const per = (count: number, cpuSeconds: number | undefined) => (cpuSeconds ? Math.round(count / cpuSeconds) : null);
    const msPer = (cpuSeconds: number | undefined, count: number) => (cpuSeconds && count ? round((cpuSeconds * 1000) / count, 3) : null);
    const result: BenchResult = {
      mode: options.mode,
      startedAt: startedAt.toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
      measures: MEASURES[options.mode],
      options,
      machine: machineInfo(),
      users: { planned: options.users, started: load.usersStarted, admitted: admittedUsers, scripts: load.scripts, refreshers: load.refreshers, stoppedEarly: load.stoppedEarly },
      admission: {
        seconds: round(admissionSeconds, 2),
        admittedPerSecond: Math.round(admittedUsers / admissionSeconds),
        requestsPerSecond: Math.round((load.intents.sent + load.polls.sent) / Math.max(1e-3, (load.endedAt - load.startedAt) / 1000)),
        intentsSent: load.intents.sent,
        intentsByStatus: load.intents.byStatus,
        intentsByCode: load.intents.byCode,
        latencyMs: load.intents.latency,
        admittedLatencyMs: load.intents.admittedLatency,
      },
      polls: { sent: load.polls.sent, byStatus: load.polls.byStatus, byState: load.polls.byState, latencyMs: load.polls.latency },
      drain: {
        drained: drainedAt !== null,
        seconds: drainedAt ? round((drainedAt - load.startedAt) / 1000, 2) : null,
        tailSeconds: drainedAt && load.lastAdmittedAt ? round((drainedAt - load.lastAdmittedAt) / 1000, 2) : null,
        workerTicketsPerSecond: drainedAt && firstServedAt ? Math.round(stats.served / Math.max(1e-3, (drainedAt - firstServedAt) / 1000)) : null,
        workerPeakTicketsPerSecond: peakPerSecond,
        timeline: sampler.timeline(load.startedAt),
      },
      memory: {
        redisUsedBefore: redisBefore,
        redisUsedAfterAdmission: redisAfterAdmission,
        redisUsedAfterDrain: redisAfterDrain,
        redisBytesPerAdmittedUserAtAdmissionEnd: admitted ? Math.round((redisAfterAdmission - redisBefore) / admitted) : null,
        redisBytesPerAdmittedUserAfterDrain: admitted ? Math.round((redisAfterDrain - redisBefore) / admitted) : null,
        usersHashBytes: hashBytes,
        usersHashBytesPerUser: admitted ? Math.round(hashBytes / admitted) : null,
        rabbit: broker && broker.messages > 0
          ? { sampledAtMessages: broker.messages, messageBytesPerMessage: Math.round(broker.messageBytes / broker.messages), queueMemoryPerMessage: Math.round(broker.queueMemoryBytes / broker.messages) }
          : null,
        peakRssMb,
      },
      cpu: { admission: admissionCpu, wholeRun: wholeRunCpu },
      efficiency: {
        admitter: options.mode === "http" ? "web" : "engine",
        admitterCpuMsPerRequest: msPer(admitter?.cpuSeconds, requests),
        admittedPerAdmitterCpuSecond: per(admittedUsers, admitter?.cpuSeconds),
        requestsPerAdmitterCpuSecond: per(requests, admitter?.cpuSeconds),
        workerCpuMsPerTicket: msPer(workerCpu?.cpuSeconds, stats.served),
        workerTicketsPerCpuSecond: per(stats.served, workerCpu?.cpuSeconds),
      },
      baseline: baseline
        ? (() => {
            const perSecond = baseline.intents.sent / Math.max(1e-3, (baseline.endedAt - baseline.startedAt) / 1000);
            return { requestsPerSecond: Math.round(perSecond), latencyMs: baseline.intents.latency, admittedToBareRatio: round(admittedUsers / admissionSeconds / perSecond, 3) };
          })()
        : null,
      profiles,
      hosts,
      checks,
      allChecksPass: checks.every((c) => c.pass),
      notes,
    };

    for (const c of checks) console.log(`${c.pass ? "PASS" : "FAIL"} ${c.name} — ${c.detail}`);
    const files = writeResult(result, path.resolve(ROOT, options.out));
    await deleteBenchQueue();
    log(`admitted/s ${result.admission.admittedPerSecond}, p50/p99 ${result.admission.latencyMs.p50}/${result.admission.latencyMs.p99} ms, drain ${result.drain.seconds ?? "–"} s`);
    log(`results: ${path.relative(ROOT, files.markdown)} (+ .json)`);
    return result.allChecksPass;
  } finally {
    clearTimeout(watchdog);
    // The app's clients close before the private Redis stops, or their quit would wait for it.
    await Promise.race([Promise.allSettled([closeRabbitPublisher(), closeRedis(), disconnectMongo()]), sleep(5000)]);
    await stopAll();
    for (const copy of ["app", "ferretdb"]) rmSync(path.join(logDir, copy), { recursive: true, force: true });
  }
}
