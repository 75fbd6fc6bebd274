import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { disconnectMongo } from "@/lib/db/connect";
import { closeRabbitPublisher } from "@/lib/messaging/rabbit";
import { closeRedis } from "@/lib/redis/client";
import { ensureBuild } from "./benchmark";
import { compareHosts, type HostMeasure } from "./host-comparison";
import type { BenchOptions } from "./options";
import { round } from "./proc-stats";
import { deleteBenchQueue, resetBenchQueue } from "./queue";
import { hostsMarkdown, machineInfo } from "./report";
import { clearBenchDatabase } from "./sale";
import { ROOT, sleep, snapshotBuild, startFerretDb, startRedis, startWeb, stopAll } from "./stack";
import { measureWaiting, type WaitingMeasure } from "./waiting";

const MILLION = 1_000_000;
/** Streams one web process is given in the extrapolation: a core's worth of headroom, 1.5 GB of them. */
const PROCESS_MEMORY_BYTES = 1.5 * 1024 ** 3;
const PROCESS_CORES = 0.7;
/** Commands in one frontier read (MULTI, HGET, GET, ZCARD, GET, GET, TIME, EXEC). */
const FRONTIER_READ_COMMANDS = 8;

function extrapolate(waiting: WaitingMeasure) {
  const cpuPerStream = waiting.webCpuCoresDuringDrain / Math.max(1, waiting.streamsOpened);
  const perProcess = Math.floor(Math.min(PROCESS_MEMORY_BYTES / Math.max(1, waiting.rssBytesPerStream), cpuPerStream > 0 ? PROCESS_CORES / cpuPerStream : Infinity));
  const processes = Math.ceil(MILLION / Math.max(1, perProcess));
  return {
    streamsPerProcess: perProcess,
    webProcesses: processes,
    webMemoryGb: round((MILLION * waiting.rssBytesPerStream) / 1024 ** 3, 1),
    webCores: round(cpuPerStream * MILLION, 1),
    redisOpsPerSecond: processes * FRONTIER_READ_COMMANDS,
  };
}

const cpuRow = (cpu: WaitingMeasure["drainWith"]["cpuCores"]) => `${cpu.worker}, ${cpu.web}, ${cpu.redis}, ${cpu.streamClients}`;

function waitingMarkdown(w: WaitingMeasure, million: ReturnType<typeof extrapolate>): string[] {
  return [
    "",
    `## ${w.streams.toLocaleString()} shoppers waiting on SSE streams while a line of ${w.drainWithout.tickets.toLocaleString()} drains`,
    "",
    "| | value |",
    "| --- | --- |",
    `| streams opened | ${w.streamsOpened.toLocaleString()} |`,
    `| web RSS per stream, 2 s after opening / after 20 s more idle | ${(w.rssBytesPerStream / 1024).toFixed(1)} / ${(w.rssSettledBytesPerStream / 1024).toFixed(1)} KB |`,
    `| web RSS one more stream adds (slope from ${w.rssMarginalFromStreams.toLocaleString()} streams to all) | ${(w.rssMarginalBytesPerStream / 1024).toFixed(1)} KB |`,
    `| web CPU while the line moved | ${w.webCpuCoresDuringDrain} cores |`,
    `| Redis commands/s the waiting cost (with streams, less the drain's own per ticket) | ${w.redisCommandsPerSecondForWaiting.toLocaleString()} (with ${w.drainWith.redisCommandsPerSecond.toLocaleString()}, without ${w.drainWithout.redisCommandsPerSecond.toLocaleString()}) |`,
    `| reads of a waiting shopper's own status | ${w.userStatusReadsWhileWaiting} |`,
    `| frontier updates received by 1 stream in 10, delay p50 / p99 | ${w.frontierEvents.toLocaleString()}, ${w.updateDelayMs.p50} / ${w.updateDelayMs.p99} ms |`,
    `| worker drain, without / with streams | ${w.drainWithout.ticketsPerSecond.toLocaleString()} / ${w.drainWith.ticketsPerSecond.toLocaleString()} tickets/s (**${w.drainRatio}×**) |`,
    `| cores busy during the drain without / with streams: worker, web, Redis, stream clients (this process) | ${cpuRow(w.drainWithout.cpuCores)} / ${cpuRow(w.drainWith.cpuCores)} |`,
    "",
    "## 1,000,000 waiting shoppers, extrapolated",
    "",
    `${million.webProcesses.toLocaleString()} web processes of ${million.streamsPerProcess.toLocaleString()} streams (1.5 GB, 0.7 core each), ${million.webMemoryGb} GB of web memory, ${million.webCores} cores while the line moves, ${million.redisOpsPerSecond.toLocaleString()} Redis commands/s (one frontier read per process per second; no per-shopper reads).`,
  ];
}

type HotPathResult = {
  startedAt: string;
  command: string;
  machine: ReturnType<typeof machineInfo>;
  concurrency: number;
  hosts: HostMeasure[];
  waiting: WaitingMeasure | null;
  million: ReturnType<typeof extrapolate> | null;
};

function markdown(result: HotPathResult): string {
  return [
    `# Hot path — ${result.startedAt}`,
    "",
    `\`${result.command}\` on ${result.machine.cpus} × ${result.machine.model}, load average ${result.machine.loadAverageAtStart.map((n) => n.toFixed(1)).join(" / ")} at the start.`,
    "",
    ...(result.hosts.length ? hostsMarkdown(result.hosts, result.concurrency) : ["Hosts not compared in this run (`--compare-users 0`).", ""]),
    ...(result.waiting && result.million ? waitingMarkdown(result.waiting, result.million) : []),
    "",
  ].join("\n");
}

export async function runHotPath(options: BenchOptions, plan: { compareUsers: number; waiting: number; line: number; pacedRate: number }): Promise<void> {
  const startedAt = new Date();
  const tag = startedAt.getTime().toString(36);
  const logDir = path.join(ROOT, ".run", "bench", tag);
  const log = (message: string) => console.log(`bench  ${message}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  try {
    const redisPid = options.redisUrl ? null : (await startRedis(options.redisPort, logDir)).pid;
    if (!options.mongoUrl) await startFerretDb(options.mongoPort, logDir);
    await clearBenchDatabase();
    await resetBenchQueue();
    ensureBuild();
    const appDir = snapshotBuild(logDir);
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
    const machine = machineInfo();

    let hosts: HostMeasure[] = [];
    if (plan.compareUsers > 0) {
      log(`hosts: ${plan.compareUsers.toLocaleString()} intents each on server.ts, next start and the engine`);
      hosts = await compareHosts(
        { appDir, env, logDir, tag, users: plan.compareUsers, concurrency: options.concurrency, usersPerIp: options.usersPerIp, profile: options.profile, pacedRate: plan.pacedRate },
        options.webPort + 2,
      );
      for (const m of hosts) log(`${m.host}: ${m.admittedPerCpuSecond} admissions per CPU-s, p99 ${m.latencyMs.p99} ms`);
      const paced = hosts[0]?.paced;
      if (paced) log(`server.ts paced at ${paced.ratePerSecond}/s: p50 ${paced.latencyMs.p50} ms, p99 ${paced.latencyMs.p99} ms`);
      // The host runs had no worker: their queued intents are not part of the waiting scenario.
      await resetBenchQueue();
    }

    let waiting: WaitingMeasure | null = null;
    if (plan.waiting > 0) {
      log(`waiting: ${plan.waiting.toLocaleString()} streams behind a line of ${plan.line.toLocaleString()}`);
      const web = await startWeb(appDir, env, options.webPort, logDir, null, "server.ts", "web-waiting");
      await sleep(1000);
      waiting = await measureWaiting({ env, logDir, tag, webPid: web.pid, webPort: options.webPort, workerMetricsPort: options.workerMetricsPort, redisPid }, plan.waiting, plan.line);
    }
    const million = waiting && extrapolate(waiting);
    const command = `npm run bench:hot-path -- ${process.argv.slice(2).join(" ")}`.trim();
    const result: HotPathResult = { startedAt: startedAt.toISOString(), command, machine, concurrency: options.concurrency, hosts, waiting, million };
    const dir = path.resolve(ROOT, options.out);
    mkdirSync(dir, { recursive: true });
    const base = path.join(dir, `hot-path-${startedAt.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}`);
    writeFileSync(`${base}.json`, JSON.stringify(result, null, 2));
    writeFileSync(`${base}.md`, markdown(result));
    console.log(markdown(result));
    log(`results: ${path.relative(ROOT, base)}.md (+ .json)`);
  } finally {
    await deleteBenchQueue().catch(() => {});
    await Promise.race([Promise.allSettled([closeRabbitPublisher(), closeRedis(), disconnectMongo()]), sleep(5000)]);
    await stopAll();
    rmSync(path.join(logDir, "app"), { recursive: true, force: true });
    rmSync(path.join(logDir, "ferretdb"), { recursive: true, force: true });
  }
}
