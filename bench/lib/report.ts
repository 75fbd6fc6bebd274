import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HostMeasure } from "./host-comparison";
import type { Check } from "./invariants";
import type { LatencySummary } from "./latency";
import { profileMarkdown, type ProfileSummary } from "./cpu-profile";
import type { BenchOptions } from "./options";
import { round, type CpuUsage } from "./proc-stats";

export type BenchResult = {
  mode: BenchOptions["mode"];
  startedAt: string;
  command: string;
  /** Which layers the numbers include, in words. */
  measures: string;
  options: BenchOptions;
  machine: { cpus: number; model: string; node: string; loadAverageAtStart: number[] };
  users: { planned: number; started: number; admitted: number; scripts: number; refreshers: number; stoppedEarly: boolean };
  admission: {
    seconds: number;
    admittedPerSecond: number;
    requestsPerSecond: number;
    intentsSent: number;
    intentsByStatus: Record<string, number>;
    intentsByCode: Record<string, number>;
    latencyMs: LatencySummary;
    admittedLatencyMs: LatencySummary;
  };
  polls: { sent: number; byStatus: Record<string, number>; byState: Record<string, number>; latencyMs: LatencySummary };
  drain: {
    drained: boolean;
    /** From the first intent until served == admitted. */
    seconds: number | null;
    /** From the last 202 until served == admitted. */
    tailSeconds: number | null;
    workerTicketsPerSecond: number | null;
    workerPeakTicketsPerSecond: number;
    /** Tickets handed out and served, second by second from the first intent. */
    timeline: { second: number; admitted: number; served: number }[];
  };
  memory: {
    redisUsedBefore: number;
    redisUsedAfterAdmission: number;
    redisUsedAfterDrain: number;
    redisBytesPerAdmittedUserAtAdmissionEnd: number | null;
    redisBytesPerAdmittedUserAfterDrain: number | null;
    usersHashBytes: number;
    usersHashBytesPerUser: number | null;
    rabbit: { sampledAtMessages: number; messageBytesPerMessage: number | null; queueMemoryPerMessage: number | null } | null;
    peakRssMb: Record<string, number | null>;
  };
  cpu: { admission: CpuUsage[]; wholeRun: CpuUsage[] };
  /**
   * Work per CPU second of the process that admits (web, or the engine in this process) and of
   * the worker: unlike the rates above, these hold when other people's work takes the cores.
   */
  efficiency: {
    admitter: string;
    admitterCpuMsPerRequest: number | null;
    admittedPerAdmitterCpuSecond: number | null;
    requestsPerAdmitterCpuSecond: number | null;
    workerCpuMsPerTicket: number | null;
    workerTicketsPerCpuSecond: number | null;
  };
  baseline: { requestsPerSecond: number; latencyMs: LatencySummary; admittedToBareRatio: number } | null;
  /** CPU profiles by process (web or engine, worker), self time. */
  profiles: Record<string, ProfileSummary>;
  /** http mode: admissions per CPU-second of server.ts, plain `next start` and the engine, side by side (`--compare-users`). */
  hosts: HostMeasure[] | null;
  checks: Check[];
  allChecksPass: boolean;
  notes: string[];
};

const n = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined ? "–" : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${n(bytes / 1024 / 1024, 1)} MB`;

/** The short markdown account of one run (the JSON beside it has everything). */
export function toMarkdown(result: BenchResult): string {
  const { admission: a, drain: d, memory: m } = result;
  const lines = [
    `# Benchmark: ${result.mode} mode, ${n(result.users.planned)} users — ${result.startedAt}`,
    "",
    `\`${result.command}\``,
    "",
    `Measures: ${result.measures}`,
    "",
    `Machine: ${result.machine.cpus} × ${result.machine.model}, Node ${result.machine.node}, load average at start ${result.machine.loadAverageAtStart.map((x) => x.toFixed(2)).join(" ")}.`,
    "",
    "| Metric | Value |",
    "| --- | --- |",
    `| users started / admitted (202) | ${n(result.users.started)} / ${n(result.users.admitted)}${result.users.stoppedEarly ? " (cut short by --max-seconds)" : ""} |`,
    `| scripts (x${result.options.duplicateSends} intents) / refreshers | ${n(result.users.scripts)} / ${n(result.users.refreshers)} |`,
    result.mode === "http"
      ? `| proof of work | each intent: GET challenge, solve (POW_MAX_NUMBER ${n(result.options.powMaxNumber)}), POST; its latency counts all three, the request counts below count it once |`
      : "| proof of work | not in engine mode: admitIntent is called directly |",
    `| admission window | ${n(a.seconds, 1)} s |`,
    `| **admitted/s** | **${n(a.admittedPerSecond)}** |`,
    `| all requests/s (intents + polls) | ${n(a.requestsPerSecond)} |`,
    `| intent latency p50 / p95 / p99 / max | ${a.latencyMs.p50} / ${a.latencyMs.p95} / ${a.latencyMs.p99} / ${a.latencyMs.max} ms |`,
    `| 202 latency p50 / p95 / p99 / max | ${a.admittedLatencyMs.p50} / ${a.admittedLatencyMs.p95} / ${a.admittedLatencyMs.p99} / ${a.admittedLatencyMs.max} ms |`,
    `| status poll latency p50 / p99 | ${result.polls.latencyMs.p50} / ${result.polls.latencyMs.p99} ms (${n(result.polls.sent)} polls) |`,
    `| intents by status | ${Object.entries(a.intentsByStatus).map(([k, v]) => `${k}: ${n(v)}`).join(", ")} |`,
    `| intents by answer | ${Object.entries(a.intentsByCode).map(([k, v]) => `${k}: ${n(v)}`).join(", ")} |`,
    `| polls by state | ${Object.entries(result.polls.byState).map(([k, v]) => `${k}: ${n(v)}`).join(", ") || "–"} |`,
    `| drain time (first intent → served == admitted) | ${n(d.seconds, 1)} s (tail after last 202: ${n(d.tailSeconds, 1)} s) |`,
    `| worker tickets/s (average / peak 1 s) | ${n(d.workerTicketsPerSecond)} / ${n(d.workerPeakTicketsPerSecond)} |`,
    `| Redis used_memory before → end of admission → drained | ${mb(m.redisUsedBefore)} → ${mb(m.redisUsedAfterAdmission)} → ${mb(m.redisUsedAfterDrain)} |`,
    `| Redis bytes per admitted user (end of admission / drained) | ${n(m.redisBytesPerAdmittedUserAtAdmissionEnd)} / ${n(m.redisBytesPerAdmittedUserAfterDrain)} |`,
    `| users hash bytes per user (MEMORY USAGE) | ${n(m.usersHashBytesPerUser)} |`,
    `| RabbitMQ per queued message (body / queue process memory) | ${m.rabbit ? `${n(m.rabbit.messageBytesPerMessage)} / ${n(m.rabbit.queueMemoryPerMessage)} B (sampled at ${n(m.rabbit.sampledAtMessages)} messages)` : "–"} |`,
    `| peak RSS | ${Object.entries(m.peakRssMb).map(([k, v]) => `${k} ${n(v)} MB`).join(", ")} |`,
    `| CPU during admission (cores busy) | ${result.cpu.admission.map((c) => `${c.name} ${c.coresBusy}`).join(", ")} |`,
    `| CPU whole run (seconds) | ${result.cpu.wholeRun.map((c) => `${c.name} ${c.cpuSeconds}`).join(", ")} |`,
    `| ${result.efficiency.admitter}: CPU per request / requests per CPU-second | ${n(result.efficiency.admitterCpuMsPerRequest, 3)} ms / ${n(result.efficiency.requestsPerAdmitterCpuSecond)} |`,
    `| **admitted per ${result.efficiency.admitter} CPU-second** | **${n(result.efficiency.admittedPerAdmitterCpuSecond)}** |`,
    `| worker: CPU per ticket / tickets per CPU-second | ${n(result.efficiency.workerCpuMsPerTicket, 3)} ms / ${n(result.efficiency.workerTicketsPerCpuSecond)} |`,
  ];
  if (result.baseline) {
    lines.push(
      `| bare node:http, same client (requests/s) | ${n(result.baseline.requestsPerSecond)} (p50 ${result.baseline.latencyMs.p50} ms) |`,
      `| admitted/s ÷ bare node:http | ${result.baseline.admittedToBareRatio} |`,
    );
  }
  lines.push("", "## Invariant checks", "", ...result.checks.map((c) => `- ${c.pass ? "PASS" : "FAIL"} ${c.name} — ${c.detail}`));
  for (const [name, profile] of Object.entries(result.profiles)) lines.push(...profileMarkdown(name, profile));
  if (result.hosts) lines.push("", ...hostsMarkdown(result.hosts, result.options.concurrency));
  if (result.notes.length) lines.push("", "## Notes", "", ...result.notes.map((note) => `- ${note}`));
  return `${lines.join("\n")}\n`;
}

/** Writes `<mode>-<users>-<timestamp>.json` and `.md`; returns their paths. */
export function writeResult(result: BenchResult, dir: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const base = path.join(dir, `${result.mode}-${result.users.planned}-${stamp}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, toMarkdown(result));
  return { json: `${base}.json`, markdown: `${base}.md` };
}

export function machineInfo(): BenchResult["machine"] {
  return { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version, loadAverageAtStart: os.loadavg() };
}

/** The comparison as markdown: one row per host, the ratios, and the profiles when taken. */
export function hostsMarkdown(hosts: HostMeasure[], concurrency: number): string[] {
  const [custom, plain, engine] = hosts;
  const row = (m: HostMeasure) =>
    `| ${m.host} | ${m.admitted.toLocaleString()} | ${m.cpuSeconds} | **${m.admittedPerCpuSecond.toLocaleString()}** | ${m.cpuMsPerAdmission} | ${m.latencyMs.p50} / ${m.latencyMs.p99} | ${JSON.stringify(m.answers)} |`;
  const ratio = (a: HostMeasure | undefined, b: HostMeasure | undefined) => round((a?.admittedPerCpuSecond ?? 0) / Math.max(1, b?.admittedPerCpuSecond ?? 0), 2);
  return [
    `## Admissions per CPU-second of the admitting process (one run, ${concurrency} in flight)`,
    "",
    "| host | admitted | CPU s | admissions / CPU-s | CPU ms / admission | latency p50 / p99 ms | answers |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...hosts.map(row),
    "",
    `server.ts ÷ next start: ${ratio(custom, plain)}×; server.ts ÷ engine: ${ratio(custom, engine)}.`,
    ...(custom?.paced
      ? [
          "",
          `server.ts paced (open loop): ${custom.paced.sent.toLocaleString()} intents at ${custom.paced.ratePerSecond}/s, latency from each one's schedule p50 / p95 / p99 ${custom.paced.latencyMs.p50} / ${custom.paced.latencyMs.p95} / ${custom.paced.latencyMs.p99} ms; answers ${JSON.stringify(custom.paced.answers)}.`,
        ]
      : []),
    ...hosts.flatMap((m) => (m.profile ? profileMarkdown(`${m.host}, measured run`, m.profile) : [])),
  ];
}
